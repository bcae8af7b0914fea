package io.mooring.platform.calendar;

import io.vertx.core.Future;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A feature's contribution to a person's iCalendar feed. The feed owner (supervision) renders whatever
 * its sources return, so it never depends on the features behind them (circles, for one). A source
 * answers only for what the person may see right now: a feed is fetched long after it was issued.
 */
public interface CalendarSource {
  /**
   * One event, or one recurring series (with {@code rrule}), in local wall time of {@code zone}: title and time only.
   * The UID names the series or the one-off, never an occurrence, so calendar apps update rather than re-create
   * when a meeting moves. {@code lastModified} is the last change to anything this entry shows.
   */
  record Entry(String uid, String title, LocalDateTime start, ZoneId zone, int durationMinutes, String rrule,
               List<Moved> moved, List<LocalDateTime> cancelled, Instant lastModified) {
    public static Entry single(String uid, String title, LocalDateTime start, ZoneId zone, int durationMinutes, Instant lastModified) {
      return new Entry(uid, title, start, zone, durationMinutes, null, List.of(), List.of(), lastModified);
    }
  }

  /** One occurrence of a series held at another time: the series' original local start, and where it went. */
  record Moved(LocalDateTime occurrence, LocalDateTime start, int durationMinutes) {}

  /** The person's events and series that may have occurrences in [from, to). */
  Future<List<Entry>> upcoming(long orgId, long userId, Instant from, Instant to);
}
