package io.mooring.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** A real SMTP server (GreenMail) on a fixed local port, so it can be started after Mooring already points at it. */
final class SmtpServer implements AutoCloseable {
  record Received(String to, String subject, String whole, String messageId) {}

  private final int port;
  private GreenMail mail;

  SmtpServer(int port) {
    this.port = port;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What Mooring is configured with: plain SMTP on localhost, no STARTTLS, no login (GreenMail takes any sender). */
  String url() {
    return "smtp://127.0.0.1:" + port + "?from=mooring%40example.org&starttls=disabled";
  }

  SmtpServer start() {
    try {
      mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      mail.start();
    } catch (RuntimeException e) {
      Assumptions.abort("GreenMail could not start an SMTP server on port " + port + ": " + e.getMessage());
    }
    return this;
  }

  /** Waits until at least {@code count} messages arrived (or the timeout passed), then answers all of them. */
  List<Received> await(int count, long timeoutMs) {
    mail.waitForIncomingEmail(timeoutMs, count);
    return received();
  }

  List<Received> received() {
    List<Received> out = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      try {
        out.add(new Received(m.getAllRecipients()[0].toString(), m.getSubject(), GreenMailUtil.getWholeMessage(m),
            m.getHeader("Message-ID", null)));
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (mail != null) {
      mail.stop();
    }
  }
}
