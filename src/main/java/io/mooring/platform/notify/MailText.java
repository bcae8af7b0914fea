package io.mooring.platform.notify;

import io.vertx.ext.mail.MailMessage;

/**
 * What an e-mail says: the kind's fixed sentence and a link, nothing of what anyone wrote. The
 * Message-ID names the notification, so a mail client shows one message even if a mail were resent.
 */
final class MailText {
  private MailText() {}

  static MailMessage message(String from, String baseUrl, MailOutbox.Delivery d) {
    String text = "Hello " + d.displayName() + ",\n\n"
        + d.kind().label() + ".\n\n"
        + "Open it in Mooring: " + baseUrl + d.link() + "\n\n"
        + "This e-mail leaves the details out on purpose; sign in to see them.\n"
        + "Choose which e-mails you get: " + baseUrl + "/notifications/settings\n";
    MailMessage m = new MailMessage().setFrom(from).setTo(d.email()).setSubject(d.kind().mailSubject()).setText(text);
    m.addHeader("Message-ID", "<notification-" + d.id() + "." + Math.abs(baseUrl.hashCode()) + "@mooring>");
    m.addHeader("Auto-Submitted", "auto-generated");
    return m;
  }
}
