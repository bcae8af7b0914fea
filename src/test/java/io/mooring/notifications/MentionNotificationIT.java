package io.mooring.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.TestDb;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A mention (@name) in a circle notifies the person mentioned, in the app and by e-mail through a real
 * SMTP server (GreenMail), with nothing of the message in the e-mail; someone who is no longer entitled
 * to read that message when it is delivered (removed, or back in a circle that hides what came before
 * their return) gets nothing.
 */
class MentionNotificationIT {
  static final String MARK = "PRIVATE-" + UUID.randomUUID();
  static Vertx vertx;
  static SmtpServer smtp;
  static TestServer server;
  static long org;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    smtp = new SmtpServer(SmtpServer.freePort()).start();
    server = TestServer.start(vertx, TestDb.freshDatabase(),
        Map.of("MOORING_SMTP_URL", smtp.url(), "MOORING_PUBLIC_URL", "https://mooring.example.org"));
    org = server.fixtures().anOrganization();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    smtp.close();
    vertx.close().await();
  }

  @Test
  void theMentionedAreToldInTheAppAndByAMailWithoutTheMessageButNotOnceRemoved() throws Exception {
    Fixtures.Person ana = server.fixtures().aPerson(org, "peer");
    Fixtures.Person ben = server.fixtures().aPerson(org, "peer");
    Fixtures.Person cara = server.fixtures().aPerson(org, "peer");
    Fixtures.Person dan = server.fixtures().aPerson(org, "peer");
    long circle = server.fixtures().aCircle(org, ana, ben, cara, dan);
    var appOnly = server.as(dan).patch("/api/v1/notifications/preferences", new JsonObject().put("circle_mention", "app"));
    assertEquals(200, appOnly.statusCode(), appOnly.bodyAsString());

    long seq;
    try (Held outbox = Held.outbox()) {
      var m = server.services().chat().send(server.fixtures().currentUser(ana), circle, "m-1",
          MARK + " thanks @" + ben.displayName() + ", @" + cara.displayName() + " and @" + dan.displayName() + "!", null).await();
      seq = m.seq();
      outbox.untilTheNoticeWaits();
      // Cara leaves after the message committed and its notices were claimed, before anything is delivered.
      server.fixtures().leaveCircle(circle, cara);
    }

    List<SmtpServer.Received> mails = smtp.await(1, 20_000);
    Thread.sleep(2500);
    mails = smtp.received();
    assertEquals(1, mails.size(), "one mail, to Ben: " + mails.stream().map(SmtpServer.Received::to).toList());
    SmtpServer.Received mail = mails.get(0);
    assertEquals(ben.email(), mail.to());
    assertEquals("Mooring: Someone mentioned you in a circle", mail.subject());
    assertFalse(mail.whole().contains("PRIVATE-"), "no message text in:\n" + mail.whole());
    assertFalse(mail.whole().contains(ana.displayName()), "not even who wrote it:\n" + mail.whole());
    assertTrue(mail.whole().contains("https://mooring.example.org/circles/" + circle + "#seq-" + seq), mail.whole());

    JsonArray bens = NoticeSteps.notifications(server, ben).getJsonArray("items");
    assertEquals(1, bens.size(), bens.encodePrettily());
    assertTrue(bens.getJsonObject(0).getString("title").startsWith(ana.displayName() + " mentioned you in "), bens.encodePrettily());
    assertEquals("circle_mention", bens.getJsonObject(0).getString("kind"));
    assertFalse(bens.encode().contains("PRIVATE-"));
    assertEquals(1, NoticeSteps.notifications(server, dan).getJsonArray("items").size(), "Dan chose the app only: told there");
    assertEquals(0, NoticeSteps.notifications(server, cara).getJsonArray("items").size(), "removed before delivery: nothing in the app");
    assertEquals(0, NoticeSteps.notifications(server, ana).getJsonArray("items").size(), "the author is not told of their own message");
    assertEquals(List.of("dropped"), mailStatuses(cara), "Cara's mail was written while she was a member and dropped at delivery");
  }

  @Test
  void someoneBackInAHidingCircleIsNotToldOfAMentionFromBeforeTheirReturn() throws Exception {
    Fixtures.Person ana = server.fixtures().aPerson(org, "peer");
    Fixtures.Person eve = server.fixtures().aPerson(org, "peer");
    long circle = server.fixtures().aCircle(org, ana, eve);
    server.pool().preparedQuery("update circles set new_members_see_history = false where id = $1").execute(Tuple.of(circle)).await();
    try (Held outbox = Held.outbox()) {
      server.services().chat().send(server.fixtures().currentUser(ana), circle, "m-2", MARK + " @" + eve.displayName() + " look", null).await();
      outbox.untilTheNoticeWaits();
      server.fixtures().leaveCircle(circle, eve);
      server.pool().preparedQuery("insert into circle_members (circle_id, user_id) values ($1, $2)").execute(Tuple.of(circle, eve.id())).await();
    }
    Thread.sleep(3000);
    assertTrue(smtp.received().stream().noneMatch(m -> m.to().equals(eve.email())), "no mail to Eve");
    assertEquals(0, NoticeSteps.notifications(server, eve).getJsonArray("items").size(), "the message is hidden from her new membership");
    assertEquals(List.of("dropped"), mailStatuses(eve));
  }

  static List<String> mailStatuses(Fixtures.Person p) {
    return server.pool().preparedQuery("""
        select m.status from notification_mail m join notifications n on n.id = m.notification_id
         where n.recipient_id = $1 and n.kind = 'circle_mention'""").execute(Tuple.of(p.id())).await()
        .stream().map(r -> r.getString(0)).toList();
  }

  /**
   * Holds the e-mail outbox locked, so a mention's notice is written (its recipients read) but waits to
   * be stored, and nothing can be sent, until the test has changed something; then lets go.
   */
  record Held(SqlConnection conn, Transaction tx) implements AutoCloseable {
    static Held outbox() {
      SqlConnection c = server.pool().getConnection().await();
      Transaction tx = c.begin().await();
      c.query("lock table notification_mail in exclusive mode").execute().await();
      return new Held(c, tx);
    }

    void untilTheNoticeWaits() throws InterruptedException {
      for (int i = 0; i < 200; i++) {
        long waiting = server.pool().query("""
            select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%with wanted as%'""")
            .execute().await().iterator().next().getLong(0);
        if (waiting > 0) {
          return;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("the mention's notice never reached the outbox");
    }

    @Override
    public void close() {
      tx.commit().await();
      conn.close().await();
    }
  }
}
