package io.mooring.platform.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox's retry schedule, what a notice may link to, and what an e-mail may say. */
class NotifyRulesTest {

  @Test
  void retriesBackOffFromFiveSecondsDoublingToAnHour() {
    assertEquals(5, MailWorker.backoffSeconds(1));
    assertEquals(10, MailWorker.backoffSeconds(2));
    assertEquals(20, MailWorker.backoffSeconds(3));
    assertEquals(2560, MailWorker.backoffSeconds(10));
    assertEquals(3600, MailWorker.backoffSeconds(11));
    assertEquals(3600, MailWorker.backoffSeconds(MailWorker.MAX_ATTEMPTS));
    long total = 0;
    for (int a = 1; a < MailWorker.MAX_ATTEMPTS; a++) {
      total += MailWorker.backoffSeconds(a);
    }
    assertTrue(total > 24 * 3600 && total < 48 * 3600, "attempts span a day or two of SMTP downtime: " + total + " s");
  }

  @Test
  void aNoticeLinksOnlyToAPathOnThisServer() {
    for (String bad : new String[] {"https://evil.example/x", "//evil.example/x", "/\\\\evil.example", "javascript:alert(1)", ""}) {
      assertThrows(IllegalArgumentException.class,
          () -> Notice.to(1, 2, NotificationKind.RECORD_READY, "k", "t", bad), bad);
    }
    assertEquals("/supervision/sessions/4", Notice.to(1, 2, NotificationKind.RECORD_READY, "k", "t", "/supervision/sessions/4").link());
    assertEquals("/", new Notice(1, List.of(), NotificationKind.CHECKIN_DUE, "k", "t", "/").link());
  }

  @Test
  void anEmailSaysWhatHappenedAndLinksButNeverTheInAppTitle() {
    var d = new MailOutbox.Delivery(7, NotificationKind.RECORD_READY, "/supervision/sessions/4", 2, "sam@example.org", "Sam", java.util.List.of("peer"));
    var m = MailText.message("mooring@example.org", "https://mooring.example.org", d);
    assertEquals("Mooring: A supervision record is ready for you to acknowledge", m.getSubject());
    assertTrue(m.getText().contains("https://mooring.example.org/supervision/sessions/4"), m.getText());
    assertEquals(List.of("sam@example.org"), m.getTo());
    for (NotificationKind k : NotificationKind.values()) {
      assertFalse(k.mailSubject().contains("{"), "fixed text only: " + k);
    }
  }

  @Test
  void deliveryChecksReadTheIdFromTheLink() {
    assertEquals(12, DeliveryCheck.idAfter("/circles/12", "/circles/"));
    assertEquals(4, DeliveryCheck.idAfter("/supervision/sessions/4?x=1", "/supervision/sessions/"));
    assertEquals(-1, DeliveryCheck.idAfter("/circles", "/circles/"));
    assertEquals(-1, DeliveryCheck.idAfter("/circles/abc", "/circles/"));
  }
}
