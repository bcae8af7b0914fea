package io.mooring.platform.notify;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a notification can be about. The e-mail text of a kind is fixed here and says only what
 * happened, never what was written: no record text, check-in answers, disclosure items or chat.
 * {@code requiredRole} is re-checked at delivery (null: any active account).
 */
public enum NotificationKind {
  SESSION_REMINDER("session_reminder", "A supervision session is coming up (24 hours before)",
      "A supervision session is coming up", null),
  SESSION_CHANGED("session_changed", "A supervision session was moved or cancelled",
      "A supervision session was moved or cancelled", null),
  RECORD_READY("record_ready", "A supervision record is ready for you to acknowledge",
      "A supervision record is ready for you to acknowledge", null),
  RECORD_ACKNOWLEDGED("record_acknowledged", "Your supervisee acknowledged a supervision record",
      "A supervision record was acknowledged", "supervisor"),
  SUPERVISION_OVERDUE("supervision_overdue", "Supervision is overdue for someone you supervise",
      "Supervision is overdue", "supervisor"),
  CHECKIN_DUE("checkin_due", "Your role check-in is due", "Your role check-in is due", "peer"),
  DRIFT_FLAG("drift_flag", "A supervisee shared a check-in that raised a role-drift flag",
      "A shared check-in raised a role-drift flag", "supervisor"),
  NEW_VIEWER("new_viewer", "Someone new can see your disclosure items",
      "Someone new can see your disclosure items", null),
  CIRCLE_ADDED("circle_added", "You were added to a circle", "You were added to a circle", "peer"),
  CIRCLE_REMOVED("circle_removed", "You were removed from a circle", "You were removed from a circle", "peer"),
  MESSAGE_REPORTED("message_reported", "A message was reported in a circle you facilitate",
      "A message was reported in a circle you facilitate", "peer"),
  CIRCLE_MENTION("circle_mention", "Someone mentioned you in a circle", "Someone mentioned you in a circle", "peer");

  private final String code;
  private final String label;
  private final String mailSubject;
  private final String requiredRole;

  NotificationKind(String code, String label, String mailSubject, String requiredRole) {
    this.code = code;
    this.label = label;
    this.mailSubject = mailSubject;
    this.requiredRole = requiredRole;
  }

  /** The name in the database, the API and preference forms. */
  public String code() {
    return code;
  }

  /** How the preferences page names it. */
  public String label() {
    return label;
  }

  /** The whole of what an e-mail says about the event (prefixed with "Mooring: "). */
  public String mailSubject() {
    return "Mooring: " + mailSubject;
  }

  public String requiredRole() {
    return requiredRole;
  }

  /** Everything starts as in-app and e-mail; each person may turn either off per kind. */
  public Channel defaultChannel() {
    return Channel.EMAIL;
  }

  public static Optional<NotificationKind> byCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
  }

  /** How a person wants one kind: in the app only, in the app and by e-mail, or not at all. */
  public enum Channel {
    APP("app"), EMAIL("email"), OFF("off");

    private final String code;

    Channel(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Optional<Channel> byCode(String code) {
      return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
  }
}
