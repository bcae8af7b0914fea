package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.mooring.support.Fixtures.Person;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends that share one statement and one commit (issue 17) keep every promise of a send on its own:
 * gap-free seqs per circle, a resend answered with the first message, entitlement (session, membership,
 * muting) and the send budget decided per send, mentions stored; a batch whose statement fails as a
 * whole is written send by send, so one bad send does not sink the others.
 */
@ExtendWith(ServerPerClass.class)
class ChatSendBatchIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
  }

  @AfterEach
  void reset() {
    SendQueue.lingerMs = 0;
    ChatService.sendLimit = new ChatService.SendLimit(10, 10.0);
  }

  /** Holds sends for 300 ms, so everything submitted together goes out as one batch. */
  private static void batchTogether() {
    SendQueue.lingerMs = 300;
  }

  @Test
  void concurrentSendsInManyCirclesGetGapFreeSeqsAndOneAckEach() {
    batchTogether();
    List<Long> circles = new ArrayList<>();
    List<Future<Message>> sent = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      Person[] members = {server.fixtures().aPeer(org), server.fixtures().aPeer(org), server.fixtures().aPeer(org), server.fixtures().aPeer(org)};
      long circle = server.fixtures().aCircle(org, members);
      circles.add(circle);
      for (Person p : members) {
        sent.add(chat().send(signedIn(p), circle, "b-" + p.id(), "hello from " + p.id(), null));
      }
    }
    Future.join(new ArrayList<>(sent)).await();
    for (long circle : circles) {
      List<Long> seqs = seqs(circle);
      assertEquals(List.of(1L, 2L, 3L, 4L), seqs, "each circle's sends numbered 1..4, no gap, no repeat");
    }
    for (Future<Message> f : sent) {
      Message m = f.result();
      assertEquals(m.seq(), seqOf(m.id()), "the ack names the committed message's seq");
    }
  }

  @Test
  void aResendInTheSameBurstIsAnsweredWithTheFirstMessageAndTakesNoSeq() {
    batchTogether();
    Person a = server.fixtures().aPeer(org);
    Person b = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, a, b);
    CurrentUser me = signedIn(a);
    Future<Message> first = chat().send(me, circle, "same", "once", null);
    Future<Message> again = chat().send(me, circle, "same", "once", null);
    Future<Message> other = chat().send(signedIn(b), circle, "b-1", "other", null);
    Future.join(first, again, other).await();
    assertEquals(first.result().id(), again.result().id());
    assertEquals(first.result().seq(), again.result().seq());
    assertEquals(List.of(1L, 2L), seqs(circle));
    assertEquals(first.result().id(), chat().send(me, circle, "same", "once", null).await().id(), "a later resend too");
  }

  @Test
  void entitlementAndBudgetAreDecidedPerSendInsideTheBatch() {
    batchTogether();
    ChatService.sendLimit = new ChatService.SendLimit(1, 0.001);
    Person ok = server.fixtures().aPeer(org);
    Person muted = server.fixtures().aPeer(org);
    Person signedOut = server.fixtures().aPeer(org);
    Person outsider = server.fixtures().aPeer(org);
    Person spender = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, ok, muted, signedOut, spender);
    server.pool().preparedQuery("update circle_members set muted = true where circle_id = $1 and user_id = $2")
        .execute(Tuple.of(circle, muted.id())).await();
    CurrentUser revoked = signedIn(signedOut);
    server.pool().preparedQuery("update sessions set revoked_at = now() where id = $1").execute(Tuple.of(UUID.fromString(revoked.sessionId()))).await();
    chat().send(signedIn(spender), circle, "s-0", "spends the only token", null).await();
    List<Future<Message>> sends = List.of(
        chat().send(signedIn(ok), circle, "o-1", "hi @" + spender.displayName(), null),
        chat().send(signedIn(muted), circle, "m-1", "muted", null),
        chat().send(revoked, circle, "r-1", "signed out", null),
        chat().send(signedIn(outsider), circle, "x-1", "not a member", null),
        chat().send(signedIn(spender), circle, "s-1", "over budget", null));
    Future.join(new ArrayList<>(sends)).otherwiseEmpty().await();
    assertTrue(sends.get(0).succeeded());
    for (int i = 1; i <= 3; i++) {
      assertEquals(ErrorCode.FORBIDDEN, code(sends.get(i)), "send " + i);
    }
    assertEquals(ErrorCode.TOO_MANY, code(sends.get(4)));
    assertEquals(List.of(1L, 2L), seqs(circle), "only the two allowed sends took a seq");
    Row mention = server.pool().preparedQuery("select user_id, seq from circle_mentions where circle_id = $1").execute(Tuple.of(circle)).await()
        .iterator().next();
    assertEquals(spender.id(), mention.getLong(0));
    assertEquals(2L, mention.getLong(1));
  }

  @Test
  void aBatchWhoseStatementFailsIsWrittenSendBySend() {
    batchTogether();
    Person a = server.fixtures().aPeer(org);
    Person b = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, a, b);
    // Past the table's check (the socket refuses it earlier): the whole statement fails on this one row.
    Future<Message> bad = chat().send(signedIn(a), circle, "a-1", "x".repeat(ChatService.MAX_BODY + 1), null);
    Future<Message> good = chat().send(signedIn(b), circle, "b-1", "fine", null);
    Future.join(bad, good).otherwiseEmpty().await();
    assertTrue(bad.failed());
    assertEquals(1L, good.result().seq());
    assertEquals(List.of(1L), seqs(circle));
  }

  private static ChatService chat() {
    return server.services().chat();
  }

  /** The person with a live session, as a socket's owner is. */
  private static CurrentUser signedIn(Person p) {
    UUID sid = UUID.randomUUID();
    server.pool().preparedQuery("insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, 'x', $3)")
        .execute(Tuple.of(sid, p.id(), OffsetDateTime.now().plusHours(1))).await();
    CurrentUser u = server.fixtures().currentUser(p);
    return new CurrentUser(u.id(), u.orgId(), u.email(), u.displayName(), u.roles(), sid.toString(), "x");
  }

  private static List<Long> seqs(long circle) {
    List<Long> out = new ArrayList<>();
    server.pool().preparedQuery("select seq from circle_messages where circle_id = $1 order by seq").execute(Tuple.of(circle)).await()
        .forEach(r -> out.add(r.getLong(0)));
    return out;
  }

  private static long seqOf(long id) {
    return server.pool().preparedQuery("select seq from circle_messages where id = $1").execute(Tuple.of(id)).await().iterator().next().getLong(0);
  }

  private static ErrorCode code(Future<?> f) {
    assertTrue(f.failed(), "expected a refusal");
    return assertInstanceOf(AppException.class, f.cause()).code();
  }
}
