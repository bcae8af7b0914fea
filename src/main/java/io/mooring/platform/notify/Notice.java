package io.mooring.platform.notify;

import java.util.List;

/**
 * One event told to some people. {@code eventKey} names the event (e.g. {@code record_ready:session:42}):
 * a person gets at most one notification per key, so writing the same notice twice (a retry, a second
 * node, a periodic job run again) adds nothing. {@code title} is shown in the app only, to the
 * recipient; e-mails carry the kind's fixed text and the link. {@code link} is a path on this server.
 */
public record Notice(long orgId, List<Long> recipients, NotificationKind kind, String eventKey, String title, String link) {
  public Notice {
    recipients = List.copyOf(recipients);
    if (eventKey == null || eventKey.isBlank() || eventKey.length() > 200) {
      throw new IllegalArgumentException("eventKey must be 1-200 characters");
    }
    if (title == null || title.isBlank() || title.length() > 300) {
      throw new IllegalArgumentException("title must be 1-300 characters");
    }
    if (link == null || !link.matches("^/([^/\\\\].*)?$") || link.length() > 300) {
      throw new IllegalArgumentException("link must be a path on this server, got " + link);
    }
  }

  public static Notice to(long orgId, long recipient, NotificationKind kind, String eventKey, String title, String link) {
    return new Notice(orgId, List.of(recipient), kind, eventKey, title, link);
  }
}
