package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The notification carries the new messages (issue 17): a node delivers them without reading them back,
 * in the very frame a read would have made, and reads as before whenever it cannot use them (a payload
 * too large for NOTIFY, a node behind, a payload it cannot parse), still every seq once and in order.
 */
@ExtendWith(ServerPerClass.class)
class CircleNotifiedMessagesIT {
  static TestServer server;
  static Vertx vertx;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    vertx = started.vertx();
    org = server.fixtures().anOrganization();
  }

  @AfterEach
  void reset() {
    SendQueue.lingerMs = 0;
  }

  record Pair(long circle, Fixtures.Person a, Fixtures.Person b) {}

  Pair pair() {
    Fixtures f = server.fixtures();
    Fixtures.Person a = f.aPeer(org);
    Fixtures.Person b = f.aPeer(org);
    return new Pair(f.aCircle(org, a, b), a, b);
  }

  LiveClient connect(Fixtures.Person p, long circle, Long after) {
    LiveClient c = LiveClient.connect(vertx, server.port(), server.fixtures().tokenFor(p), circle, after);
    c.next("presence");
    return c;
  }

  static long reads() {
    return server.services().circles().hub().messageReads.get();
  }

  @Test
  void aCarriedMessageArrivesInTheFrameTheReadWouldHaveMade() {
    Pair t = pair();
    // JSON's hard cases in the name and the body: quotes, backslash, control characters, non-ASCII, a surrogate pair.
    server.pool().preparedQuery("update users set display_name = $2 where id = $1").execute(Tuple.of(t.a().id(), "Zoë \"Z\" O'Brien \\ 😀"))
        .await();
    try (LiveClient a = connect(t.a(), t.circle(), null); LiveClient b = connect(t.b(), t.circle(), null)) {
      JsonObject first = a.sendAcked("n-1", "first");
      b.next("message");
      long before = reads();
      String body = "line one\nline \"two\"\t\\ é ü 😀 \u0001 </script>";
      a.send(LiveClient.send("n-2", body).put("replyTo", first.getLong("id")));
      JsonObject live = b.next("message");
      assertEquals(0, reads() - before, "delivered from the notification, not read back");
      assertEquals(body, live.getString("body"));
      assertEquals(first.getLong("id"), live.getLong("replyTo"));
      Message stored = MessageRepository.after(server.pool(), t.circle(), live.getLong("seq") - 1, 1).await().get(0);
      assertEquals(stored.toJson().put("type", "message").encode(), live.encode(), "the fan-out read's frame, field for field");
      try (LiveClient late = LiveClient.connect(vertx, server.port(), server.fixtures().tokenFor(t.b()), t.circle(), first.getLong("seq"))) {
        assertEquals(late.next("message").encode(), live.encode(), "the catch-up's frame too");
      }
    }
  }

  @Test
  void ordinarySmallMessagesAreNeverReadBack() {
    Pair t = pair();
    int n = 20;
    try (LiveClient a = connect(t.a(), t.circle(), null); LiveClient b = connect(t.b(), t.circle(), null)) {
      long before = reads();
      for (int k = 1; k <= n; k++) {
        a.sendAcked("s-" + k, "small " + k);
      }
      List<JsonObject> got = b.messages(n);
      for (int k = 0; k < n; k++) {
        assertEquals(k + 1, got.get(k).getLong("seq"));
        assertEquals("small " + (k + 1), got.get(k).getString("body"));
      }
      assertEquals(List.of(), b.drainMessages(300), "nothing twice");
      assertEquals(0, reads() - before, "no read-back for " + n + " small messages");
    }
  }

  @Test
  void aBatchNotifiesEachCircleWithAllItsMessagesOfThatCommit() {
    SendQueue.lingerMs = 300;
    Fixtures f = server.fixtures();
    List<Long> circles = new ArrayList<>();
    List<Fixtures.Person[]> memberships = new ArrayList<>();
    List<LiveClient> watchers = new ArrayList<>();
    List<Future<Message>> sent = new ArrayList<>();
    try {
      for (int c = 0; c < 3; c++) {
        Fixtures.Person[] members = {f.aPeer(org), f.aPeer(org), f.aPeer(org), f.aPeer(org)};
        circles.add(f.aCircle(org, members));
        memberships.add(members);
        watchers.add(connect(members[0], circles.get(c), null));
      }
      long before = reads();
      for (int c = 0; c < 3; c++) {
        for (Fixtures.Person p : memberships.get(c)) {
          sent.add(server.services().chat().send(f.currentUser(p), circles.get(c), "b-" + p.id(), "batched " + p.id(), null));
        }
      }
      Future.join(new ArrayList<>(sent)).await();
      for (LiveClient w : watchers) {
        assertEquals(List.of(1L, 2L, 3L, 4L), w.messages(4).stream().map(m -> m.getLong("seq")).toList());
      }
      assertEquals(0, reads() - before, "a batch's messages come with its notifications too");
    } finally {
      watchers.forEach(LiveClient::close);
    }
  }

  @Test
  void aPayloadOverTheBoundIsReadInsteadAndStillDelivered() {
    Pair t = pair();
    String accents = "é".repeat(ChatService.MAX_BODY);
    String emoji = "😀".repeat(ChatService.MAX_BODY / 2);
    String ascii = "x".repeat(ChatService.MAX_BODY);
    assertTrue(accents.getBytes(StandardCharsets.UTF_8).length > NotifiedMessages.MAX_BYTES);
    try (LiveClient a = connect(t.a(), t.circle(), null); LiveClient b = connect(t.b(), t.circle(), null)) {
      long before = reads();
      a.sendAcked("big-1", accents);
      a.sendAcked("big-2", emoji);
      List<JsonObject> got = b.messages(2);
      assertEquals(accents, got.get(0).getString("body"));
      assertEquals(emoji, got.get(1).getString("body"));
      assertTrue(reads() - before >= 1, "too large to carry: read back");
      long beforeAscii = reads();
      a.sendAcked("big-3", ascii);
      assertEquals(ascii, b.next("message").getString("body"));
      assertEquals(0, reads() - beforeAscii, "4,000 ASCII characters fit in the payload");
      assertEquals(List.of(), b.drainMessages(300), "nothing twice");
    }
  }

  @Test
  void aNodeBehindReadsWhatItMissedAndDeliversEverythingOnceInOrder() {
    Pair t = pair();
    try (LiveClient a = connect(t.a(), t.circle(), null); LiveClient b = connect(t.b(), t.circle(), null)) {
      a.sendAcked("g-1", "one");
      b.next("message");
      // A message committed with no notification: this node is now one behind, and the next payload starts after a gap.
      server.pool().preparedQuery("""
          with s as (update circle_counters set last_seq = last_seq + 1 where circle_id = $1 returning last_seq)
          insert into circle_messages (circle_id, seq, author_id, client_msg_id, body) select $1, s.last_seq, $2, 'quiet', 'unannounced' from s""")
          .execute(Tuple.of(t.circle(), t.a().id())).await();
      long before = reads();
      a.sendAcked("g-3", "three");
      List<JsonObject> got = b.messages(2);
      assertEquals(List.of(2L, 3L), got.stream().map(m -> m.getLong("seq")).toList());
      assertEquals("unannounced", got.get(0).getString("body"));
      assertTrue(reads() - before >= 1, "the gap was read");
      long after = reads();
      a.sendAcked("g-4", "four");
      assertEquals(4L, b.next("message").getLong("seq"));
      assertEquals(0, reads() - after, "back in line: carried again");
      // A payload for messages already delivered (overlap) is not delivered again; one that does not parse is read instead.
      notify(t.circle() + ":m:4:[[1,4,1,\"x\",\"forged\",null,0]]");
      insertQuiet(t);
      notify(t.circle() + ":m:5:[not json");
      JsonObject fifth = b.next("message");
      assertEquals(5L, fifth.getLong("seq"));
      assertEquals("quiet again", fifth.getString("body"));
      assertEquals(List.of(), b.drainMessages(300), "nothing twice, nothing forged");
    }
  }

  private static void insertQuiet(Pair t) {
    server.pool().preparedQuery("""
        with s as (update circle_counters set last_seq = last_seq + 1 where circle_id = $1 returning last_seq)
        insert into circle_messages (circle_id, seq, author_id, client_msg_id, body) select $1, s.last_seq, $2, 'quiet-2', 'quiet again' from s""")
        .execute(Tuple.of(t.circle(), t.a().id())).await();
  }

  private static void notify(String payload) {
    server.pool().preparedQuery("select pg_notify('circle_events', $1)").execute(Tuple.of(payload)).await();
  }
}
