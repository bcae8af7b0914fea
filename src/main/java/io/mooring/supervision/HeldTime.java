package io.mooring.supervision;

import io.mooring.platform.http.AppException;
import io.mooring.platform.web.Times;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * When a session counts as held. Hours come from held sessions at the time they were held, so a
 * session is held only once it has started, and only by signing its record or saying so; starting a
 * draft holds nothing. A session booked for a later day is not held today by accident: it is moved
 * to now first, on purpose.
 */
final class HeldTime {
  private HeldTime() {}

  /** The start a new draft records: the booked start, or now when it is being held early the same day. */
  static OffsetDateTime draftStart(OffsetDateTime booked, ZoneId zone, Instant now) {
    if (booked.atZoneSameInstant(zone).toLocalDate().isAfter(now.atZone(zone).toLocalDate())) {
      throw AppException.conflict("This session is booked for " + Times.when(zone, booked)
          + ". To hold it now, move it to now first; otherwise open it on the day.");
    }
    return booked.toInstant().isAfter(now) ? now.atZone(zone).toOffsetDateTime().withNano(0) : booked;
  }

  /** Refuses to count a session as held before it started. */
  static void requireStarted(String field, OffsetDateTime startsAt, ZoneId zone, Instant now) {
    if (startsAt.toInstant().isAfter(now.plusSeconds(60))) {
      throw AppException.invalid(field, "is " + Times.when(zone, startsAt)
          + ", still to come: a session counts as held only once it has taken place");
    }
  }
}
