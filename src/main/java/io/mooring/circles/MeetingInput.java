package io.mooring.circles;

import io.mooring.platform.calendar.Recurrence;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.Input;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/** Reads the {@code meeting} object of circle settings; errors name the field ({@code meeting.rrule}, {@code meeting.firstStart}). */
final class MeetingInput {
  static final int MIN_MINUTES = 5;
  static final int MAX_MINUTES = 600;

  private MeetingInput() {}

  /**
   * The schedule (cadence, firstStart, durationMinutes; rrule for custom) is all or nothing; "where" stands alone too.
   * Shape is the contract's (CirclesMeetingInput: fields, types, lengths, cadences, minutes, the firstStart pattern, and
   * dependentRequired for the three schedule fields); here: an rrule without a cadence, a meeting with neither schedule
   * nor place, a firstStart that is no calendar date or outside the plausible years, and an RRULE that does not parse,
   * never occurs or repeats within a day.
   */
  static Meeting read(Input in) {
    JsonObject m = in.raw();
    String where = m.getString("where");
    where = where == null || where.isBlank() ? null : where.strip();
    boolean scheduled = m.getValue("cadence") != null || m.getValue("firstStart") != null || m.getValue("rrule") != null;
    if (!scheduled) {
      if (where == null) {
        in.fail("where", "is required when the meeting has no schedule (or send meeting: null for none)");
      }
      return where == null ? null : new Meeting(null, null, null, null, where);
    }
    String cadence = m.getString("cadence");
    if (cadence == null) {
      in.fail("cadence", "is required with an rrule (one of " + String.join(", ", Recurrence.CADENCES) + ")");
      return null;
    }
    LocalDateTime first = firstStart(in, m.getString("firstStart"));
    String rrule = null;
    try {
      rrule = Recurrence.rrule(cadence, m.getString("rrule"), first);
    } catch (AppException e) {
      in.fail("rrule", e.fieldErrors().isEmpty() ? "is not a valid iCalendar RRULE" : e.fieldErrors().get(0).message());
    }
    return in.ok() ? new Meeting(cadence, rrule, first, m.getInteger("durationMinutes"), where) : null;
  }

  private static LocalDateTime firstStart(Input in, String raw) {
    LocalDateTime first = in.localDateTime("firstStart", raw, "must be a local date-time like 2026-03-10T16:00 (in the organization's time zone)");
    return first == null ? null : first.withSecond(0).withNano(0);
  }
}
