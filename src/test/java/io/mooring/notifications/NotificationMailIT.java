package io.mooring.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.TestDb;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * E-mail through a real SMTP server (GreenMail) from TWO Mooring nodes over one database: every mail
 * arrives exactly once, to the right person, with the right subject, and with none of what anyone wrote.
 */
class NotificationMailIT {
  static final String MARK = "PRIVATE-" + UUID.randomUUID();
  static Vertx vertx;
  static SmtpServer smtp;
  static TestServer nodeA;
  static TestServer nodeB;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    smtp = new SmtpServer(SmtpServer.freePort()).start();
    Map<String, String> env = Map.of("MOORING_SMTP_URL", smtp.url(), "MOORING_PUBLIC_URL", "https://mooring.example.org");
    nodeA = TestServer.start(vertx, TestDb.freshDatabase(), env);
    nodeB = TestServer.start(vertx, nodeA.db(), env);
  }

  @AfterAll
  static void stop() {
    if (nodeB != null) {
      nodeB.close();
    }
    if (nodeA != null) {
      nodeA.close();
    }
    smtp.close();
    vertx.close().await();
  }

  @Test
  void twoNodesSendEachMailOnceToTheRightPersonWithNothingPrivateInIt() throws Exception {
    long org = nodeA.fixtures().anOrganization();
    Fixtures.Person sup = nodeA.fixtures().aSupervisor(org);
    Fixtures.Person peer = nodeA.fixtures().aPeer(org);
    Fixtures.Person facilitator = nodeA.fixtures().aPeer(org);
    long pairing = nodeA.fixtures().aPairing(sup, peer, "peer");

    long first = NoticeSteps.signedRecord(nodeA, sup, pairing, MARK);
    var ack = nodeB.as(peer).post("/api/v1/supervision/sessions/" + first + "/record/acknowledge", new JsonObject().put("comment", MARK));
    assertEquals(200, ack.statusCode(), ack.bodyAsString());
    NoticeSteps.driftingCheckIn(nodeB, peer, MARK, true);
    long circle = nodeA.fixtures().aCircle(org, facilitator, peer);
    var msg = nodeB.services().chat().send(nodeB.fixtures().currentUser(peer), circle, "m-1", "chat " + MARK, null).await();
    assertEquals(201, nodeB.as(peer).post("/api/v1/circles/" + circle + "/messages/" + msg.id() + "/reports",
        new JsonObject().put("reason", MARK)).statusCode());
    int more = 10;
    for (int i = 0; i < more; i++) {
      NoticeSteps.signedRecord(i % 2 == 0 ? nodeA : nodeB, sup, pairing, MARK + "-" + i);
    }
    int expected = 4 + more;

    List<SmtpServer.Received> mails = smtp.await(expected, 30_000);
    assertEquals(expected, mails.size(), "all mails arrive");
    Thread.sleep(3000);
    mails = smtp.received();
    assertEquals(expected, mails.size(), "and none twice, with two nodes draining one outbox");
    Set<String> ids = new HashSet<>();
    mails.forEach(m -> assertTrue(ids.add(m.messageId()), "one mail per notification: " + m.messageId()));

    assertEquals(1 + more, count(mails, peer.email(), "Mooring: A supervision record is ready for you to acknowledge"));
    assertEquals(1, count(mails, sup.email(), "Mooring: A supervision record was acknowledged"));
    assertEquals(1, count(mails, sup.email(), "Mooring: A shared check-in raised a role-drift flag"));
    assertEquals(1, count(mails, facilitator.email(), "Mooring: A message was reported in a circle you facilitate"));
    for (SmtpServer.Received m : mails) {
      assertFalse(m.whole().contains("PRIVATE-"), "no record text, reflection, comment, chat or report reason in:\n" + m.whole());
      assertFalse(m.whole().contains("filing"), "no check-in answers in:\n" + m.whole());
      assertTrue(m.whole().contains("https://mooring.example.org/"), "the link uses MOORING_PUBLIC_URL:\n" + m.whole());
    }
    long unsent = nodeA.pool().query("select count(*) from notification_mail where status <> 'sent'").execute().await()
        .iterator().next().getLong(0);
    assertEquals(0, unsent);
    System.out.println("mails sent per node: " + nodeA.pool().query(
        "select leased_by, count(*) from notification_mail group by leased_by").execute().await().size() + " node(s) took part; sample:\n"
        + mails.get(0).whole());
  }

  private static long count(List<SmtpServer.Received> mails, String to, String subject) {
    return mails.stream().filter(m -> m.to().equals(to) && m.subject().equals(subject)).count();
  }
}
