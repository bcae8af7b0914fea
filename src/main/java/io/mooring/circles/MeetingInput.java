package io.mooring.circles;

import io.mooring.platform.calendar.Recurrence;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.Input;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/** Reads the {@code meeting} object of circle settings; errors name the field ({@code meeting.rrule}, {@code meeting.firstStart}). */
final class MeetingInput {
  static final int MIN_MINUTES = 5;
  static final int MAX_MINUTES = 600;

  private MeetingInput() {}

  /** The schedule (cadence, firstStart, durationMinutes; rrule for custom) is all or nothing; "where" stands alone too. */
  static Meeting read(Input in) {
    in.only("cadence", "rrule", "firstStart", "durationMinutes", "where");
    String where = in.optionalString("where", 200);
    where = where == null || where.isBlank() ? null : where.strip();
    boolean scheduled = in.has("cadence") || in.has("firstStart") || in.has("durationMinutes") || in.has("rrule");
    if (!scheduled) {
      if (where == null) {
        in.fail("where", "is required when the meeting has no schedule (or send meeting: null for none)");
      }
      return where == null ? null : new Meeting(null, null, null, null, where);
    }
    String cadence = in.oneOf("cadence", Recurrence.CADENCES);
    String custom = in.optionalString("rrule", 300);
    LocalDateTime first = firstStart(in);
    Integer minutes = in.integer("durationMinutes", MIN_MINUTES, MAX_MINUTES);
    String rrule = null;
    if (cadence != null) {
      try {
        rrule = Recurrence.rrule(cadence, custom);
      } catch (AppException e) {
        in.fail("rrule", e.fieldErrors().isEmpty() ? "is not a valid iCalendar RRULE" : e.fieldErrors().get(0).message());
      }
    }
    return in.ok() ? new Meeting(cadence, rrule, first, minutes, where) : null;
  }

  private static LocalDateTime firstStart(Input in) {
    String raw = in.optionalString("firstStart", 40);
    if (raw == null) {
      in.fail("firstStart", "is required: the first meeting's local date-time, like 2026-03-10T16:00");
      return null;
    }
    try {
      return LocalDateTime.parse(raw).withSecond(0).withNano(0);
    } catch (DateTimeParseException e) {
      in.fail("firstStart", "must be a local date-time like 2026-03-10T16:00 (in the organization's time zone)");
      return null;
    }
  }
}
