package io.mooring.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.db.DbUrl;
import io.mooring.support.Fixtures;
import io.mooring.support.TestDb;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Durable delivery: mails queued while the SMTP server is down survive the node that queued them and
 * go out once, from another node, when SMTP is back; the recipient's entitlement is checked again at
 * that moment; a mail whose sender died mid-send is never sent twice.
 */
class NotificationRestartIT {

  @Test
  void mailQueuedWhileSmtpIsDownArrivesOnceAfterARestartAndOnlyToWhoIsStillEntitled() throws Exception {
    Vertx vertx = Vertx.vertx();
    int port = SmtpServer.freePort();
    SmtpServer smtp = new SmtpServer(port);
    Map<String, String> env = Map.of("MOORING_SMTP_URL", smtp.url());
    DbUrl db = TestDb.freshDatabase();
    TestServer first = TestServer.start(vertx, db, env);
    long org = first.fixtures().anOrganization();
    Fixtures.Person sup = first.fixtures().aSupervisor(org);
    Fixtures.Person stays = first.fixtures().aPeer(org);
    Fixtures.Person leaves = first.fixtures().aPeer(org);
    Fixtures.Person orphan = first.fixtures().aPeer(org);
    Fixtures.Person formerSup = first.fixtures().aSupervisor(org);
    Fixtures.Person flagged = first.fixtures().aPeer(org);
    long endsLater = first.fixtures().aPairing(formerSup, flagged, "peer");
    NoticeSteps.driftingCheckIn(first, flagged, "x", true);
    long kept = NoticeSteps.signedRecord(first, sup, first.fixtures().aPairing(sup, stays, "peer"), "x");
    NoticeSteps.signedRecord(first, sup, first.fixtures().aPairing(sup, leaves, "peer"), "x");
    NoticeSteps.signedRecord(first, sup, first.fixtures().aPairing(sup, orphan, "peer"), "x");
    // A node that died after handing this one to SMTP: its lease runs out with no outcome.
    first.pool().preparedQuery("""
        update notification_mail m set status = 'sending', lease_until = now() - interval '1 second', leased_by = 'dead-node'
          from notifications n where n.id = m.notification_id and n.recipient_id = $1""").execute(Tuple.of(orphan.id())).await();

    assertTrue(waitFor(() -> attempted(first, stays.id()) >= 1, 10_000), "the first node tried and failed while SMTP was down");
    first.pool().preparedQuery("update users set active = false where id = $1").execute(Tuple.of(leaves.id())).await();
    first.fixtures().endPairing(endsLater);
    first.close();

    smtp.start();
    TestServer second = TestServer.start(vertx, db, env);
    try {
      List<SmtpServer.Received> mails = smtp.await(1, 30_000);
      Thread.sleep(3000);
      mails = smtp.received();
      assertEquals(1, mails.size(), "one mail, once: " + mails);
      assertEquals(stays.email(), mails.get(0).to());
      assertTrue(mails.get(0).whole().contains("/supervision/sessions/" + kept), mails.get(0).whole());
      assertEquals("sent", status(second, stays.id()));
      assertEquals("dropped", status(second, leaves.id()), "deactivated before delivery: not sent");
      assertEquals("in_doubt", status(second, orphan.id()), "maybe sent by the dead node: never sent again");
      assertEquals("dropped", status(second, formerSup.id()), "no longer the peer's supervisor: no word of the flag");
    } finally {
      second.close();
      smtp.close();
      vertx.close().await();
    }
  }

  private static int attempted(TestServer s, long recipient) {
    Row r = mailRow(s, recipient);
    return r.getInteger("attempts");
  }

  private static String status(TestServer s, long recipient) {
    return mailRow(s, recipient).getString("status");
  }

  private static Row mailRow(TestServer s, long recipient) {
    return s.pool().preparedQuery("""
        select m.status, m.attempts from notification_mail m join notifications n on n.id = m.notification_id
         where n.recipient_id = $1""").execute(Tuple.of(recipient)).await().iterator().next();
  }

  private static boolean waitFor(java.util.function.BooleanSupplier ok, long timeoutMs) throws InterruptedException {
    long end = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < end) {
      if (ok.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }
}
