package io.mooring.platform.calendar;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * A feature's contribution to a person's iCalendar feed. The feed owner (supervision) renders whatever
 * its sources return, so it never depends on the features behind them (circles, for one). A source
 * answers only for what the person may see right now: a feed is fetched long after it was issued.
 */
public interface CalendarSource {
  /** One event: a stable UID per occurrence (calendar apps update rather than duplicate), title and time only. */
  record Entry(String uid, Instant start, int durationMinutes, String title) {}

  /** The person's events starting in [from, to), in any order. */
  Future<List<Entry>> upcoming(long orgId, long userId, Instant from, Instant to);
}
