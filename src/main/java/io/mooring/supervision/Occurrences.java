package io.mooring.supervision;

import io.mooring.platform.calendar.Recurrence;
import io.mooring.supervision.Supervision.PairingStatus;
import io.mooring.supervision.Supervision.Schedule;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The next meeting of many pairings from stored occurrences: ical4j runs when a schedule changes and
 * when a schedule's stored window runs short (about once a month per schedule), never per request.
 * Answers exactly what {@link Upcoming#next} answers over a year ahead.
 */
final class Occurrences {
  static final Duration LOOK_AHEAD = Duration.ofDays(365);
  static final Duration EXPAND = Duration.ofDays(400);
  static final int MAX_ROWS = 1000;

  private final Pool pool;

  Occurrences(Pool pool) {
    this.pool = pool;
  }

  /** A schedule's occurrences from {@code now}, and the instant before which that list is complete. */
  record Expansion(Schedule schedule, List<ZonedDateTime> occurrences, OffsetDateTime until) {}

  static Expansion expand(Schedule s, ZoneId zone, Instant now) {
    List<ZonedDateTime> list = Recurrence.between(s.rrule(), s.firstStart(), zone, now, now.plus(EXPAND), MAX_ROWS);
    OffsetDateTime until = list.size() == MAX_ROWS ? list.get(MAX_ROWS - 1).toOffsetDateTime() : now.plus(EXPAND).atOffset(ZoneOffset.UTC);
    return new Expansion(s, list, until);
  }

  static Future<Void> store(SqlClient tx, Expansion e, ZoneId zone) {
    return OccurrenceRepository.replace(tx, e.schedule().id(), e.occurrences(), e.until(), zone.getId());
  }

  /** The next meeting that will actually happen, per active pairing of {@code list} (absent: none within a year). */
  Future<Map<Long, Upcoming.Occurrence>> next(List<PairingStatus> list, ZoneId zone, Instant now) {
    List<Long> ids = list.stream().filter(s -> s.pairing().active()).map(PairingStatus::id).toList();
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return query(ids, now).compose(rows -> {
      Map<Long, Schedule> schedules = new HashMap<>();
      list.forEach(s -> {
        if (s.schedule() != null) {
          schedules.put(s.schedule().id(), s.schedule());
        }
      });
      // In id order, so two requests refreshing the same schedules lock them in the same order.
      List<Schedule> stale = rows.stream().filter(r -> stale(r, zone, now)).map(r -> schedules.get(r.activeScheduleId()))
          .filter(s -> s != null).sorted(java.util.Comparator.comparingLong(Schedule::id)).toList();
      if (stale.isEmpty()) {
        return Future.succeededFuture(pick(rows, zone));
      }
      return refresh(stale, zone, now).compose(v -> query(ids, now)).map(again -> pick(again, zone));
    });
  }

  /** Never expanded, expanded for another zone, the window running short, or nothing found in an old window. */
  static boolean stale(OccurrenceRepository.NextRow r, ZoneId zone, Instant now) {
    if (r.activeScheduleId() == null) {
      return false;
    }
    if (r.until() == null || !zone.getId().equals(r.zone())) {
      return true;
    }
    Instant until = r.until().toInstant();
    return until.isBefore(now.plus(Duration.ofDays(35)))
        || (r.seriesStartsAt() == null && until.isBefore(now.plus(EXPAND).minus(Duration.ofDays(1))));
  }

  private Future<List<OccurrenceRepository.NextRow>> query(List<Long> ids, Instant now) {
    return OccurrenceRepository.next(pool, ids, now.atOffset(ZoneOffset.UTC), now.plus(LOOK_AHEAD).atOffset(ZoneOffset.UTC));
  }

  /** ical4j is CPU work: off the event loop when there is one. */
  private Future<Void> refresh(List<Schedule> stale, ZoneId zone, Instant now) {
    Context ctx = Vertx.currentContext();
    Future<List<Expansion>> expanded = ctx == null ? Future.succeededFuture(expandAll(stale, zone, now))
        : ctx.executeBlocking(() -> expandAll(stale, zone, now), false);
    return expanded.compose(all -> pool.withTransaction(tx -> {
      Future<Void> chain = Future.succeededFuture();
      for (Expansion e : all) {
        chain = chain.compose(v -> store(tx, e, zone));
      }
      return chain;
    }));
  }

  private static List<Expansion> expandAll(List<Schedule> stale, ZoneId zone, Instant now) {
    List<Expansion> out = new ArrayList<>();
    stale.forEach(s -> out.add(expand(s, zone, now)));
    return out;
  }

  /** The earlier of the next stored session and the next untouched series occurrence (shown in the organization's zone). */
  private static Map<Long, Upcoming.Occurrence> pick(List<OccurrenceRepository.NextRow> rows, ZoneId zone) {
    Map<Long, Upcoming.Occurrence> out = new HashMap<>();
    for (OccurrenceRepository.NextRow r : rows) {
      Upcoming.Occurrence series = r.seriesStartsAt() == null ? null
          : new Upcoming.Occurrence(null, r.pairingId(), r.activeScheduleId(), r.seriesOccurrence(),
              r.seriesStartsAt().atZoneSameInstant(zone).toOffsetDateTime(), r.duration(), r.modality(), "scheduled");
      Upcoming.Occurrence session = r.session();
      Upcoming.Occurrence next = session == null ? series
          : series == null || !series.startsAt().isBefore(session.startsAt()) ? session : series;
      if (next != null) {
        out.put(r.pairingId(), next);
      }
    }
    return out;
  }
}
