package io.mooring.circles;

import io.mooring.platform.calendar.Recurrence;
import io.mooring.platform.http.DateTimes;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A circle's meeting: a recurring series in the organization's local wall time (expanded by ical4j,
 * so DST never moves it) and/or a free-text "where" (a room, "Zoom link in the circle"). Either part
 * may be absent; a circle without either has no meeting (null).
 */
public record Meeting(String cadence, String rrule, LocalDateTime firstStart, Integer durationMinutes, String where) {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.US);

  static Meeting map(Row r) {
    Meeting m = new Meeting(r.getString("meeting_cadence"), r.getString("meeting_rrule"), r.getLocalDateTime("meeting_first_start"),
        r.getInteger("meeting_minutes"), r.getString("meeting_where"));
    return m.scheduled() || m.where() != null ? m : null;
  }

  public boolean scheduled() {
    return rrule != null;
  }

  /** The next start at or after {@code from}, in the organization's zone; null when unscheduled or the series ended. */
  public ZonedDateTime next(ZoneId zone, Instant from) {
    return scheduled() ? Recurrence.next(rrule, firstStart, zone, from) : null;
  }

  /** "Every week on Thursday at 4:00 PM, 60 minutes"; a custom rule names its RRULE rather than guessing at words. */
  public String inWords() {
    if (!scheduled()) {
      return null;
    }
    String day = firstStart.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.US);
    String at = " at " + TIME.format(firstStart) + ", " + durationMinutes + " minutes";
    switch (cadence) {
      case "weekly":
        return "Every week on " + day + at;
      case "biweekly":
        return "Every two weeks on " + day + at;
      case "monthly":
        return "Every month on day " + firstStart.getDayOfMonth() + at;
      default:
        return "Repeats (" + rrule + ") from " + DAY.format(firstStart) + at;
    }
  }

  /** When a start falls, in words, in the organization's zone. */
  public static String when(ZonedDateTime z) {
    return z == null ? null : DAY.format(z) + " at " + TIME.format(z) + " (" + z.getZone().getId() + ")";
  }

  JsonObject toJson(ZoneId zone, Instant now) {
    ZonedDateTime next = next(zone, now);
    return new JsonObject().put("cadence", cadence).put("rrule", rrule)
        .put("firstStart", firstStart == null ? null : firstStart.toString()).put("durationMinutes", durationMinutes)
        .put("where", where).put("timeZone", zone.getId()).put("summary", inWords())
        .put("next", next == null ? null : DateTimes.text(next.toOffsetDateTime()));
  }
}
