package io.mooring.supervision;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL for materialized series occurrences and the next meeting of many pairings in one query. */
final class OccurrenceRepository {
  /**
   * Per pairing: its active schedule's window, the next stored session still scheduled, and the next
   * series occurrence no stored session stands for. Both are single index probes; history size does not matter.
   */
  private static final String NEXT = """
      select p.id as pairing_id, s.id as active_schedule_id, s.occurrences_until, s.occurrences_zone,
             ns.id as ns_id, ns.schedule_id as ns_schedule_id, ns.occurrence_start as ns_occurrence, ns.starts_at as ns_starts_at,
             ns.duration_minutes as ns_duration, ns.modality as ns_modality,
             no.occurrence_start as no_occurrence, no.starts_at as no_starts_at, s.duration_minutes, s.modality
        from unnest($1::bigint[]) as p(id)
        left join supervision_schedules s on s.pairing_id = p.id and s.ended_at is null
        left join lateral (select x.id, x.schedule_id, x.occurrence_start, x.starts_at, x.duration_minutes, x.modality
                             from supervision_sessions x
                            where x.pairing_id = p.id and x.status = 'scheduled' and x.starts_at >= $2 and x.starts_at < $3
                            order by x.starts_at limit 1) ns on true
        left join lateral (select o.occurrence_start, o.starts_at from supervision_schedule_occurrences o
                            where o.schedule_id = s.id and o.starts_at >= $2 and o.starts_at < least($3, s.occurrences_until)
                              and not exists (select 1 from supervision_sessions t
                                               where t.schedule_id = o.schedule_id and t.occurrence_start = o.occurrence_start)
                            order by o.starts_at limit 1) no on true""";
  private static final String LOCK = "select id from supervision_schedules where id = $1 for update";
  private static final String CLEAR = "delete from supervision_schedule_occurrences where schedule_id = $1";
  private static final String INSERT = """
      insert into supervision_schedule_occurrences (schedule_id, occurrence_start, starts_at) values ($1, $2, $3)
      on conflict do nothing""";
  private static final String MARK = "update supervision_schedules set occurrences_until = $2, occurrences_zone = $3 where id = $1";

  private OccurrenceRepository() {}

  /** One pairing's row of {@link #NEXT}. */
  record NextRow(long pairingId, Long activeScheduleId, OffsetDateTime until, String zone, Upcoming.Occurrence session,
                 OffsetDateTime seriesStartsAt, java.time.LocalDateTime seriesOccurrence, Integer duration, String modality) {}

  static Future<List<NextRow>> next(SqlClient db, List<Long> pairingIds, OffsetDateTime from, OffsetDateTime to) {
    return db.preparedQuery(NEXT).execute(Tuple.of(pairingIds.toArray(new Long[0]), from, to)).map(rows -> {
      List<NextRow> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  /** Replaces a schedule's stored occurrences with a fresh expansion, under the schedule's row lock. */
  static Future<Void> replace(SqlClient db, long scheduleId, List<ZonedDateTime> occurrences, OffsetDateTime until, String zone) {
    List<Tuple> batch = new ArrayList<>();
    occurrences.forEach(z -> batch.add(Tuple.of(scheduleId, z.toLocalDateTime(), z.toOffsetDateTime())));
    return db.preparedQuery(LOCK).execute(Tuple.of(scheduleId))
        .compose(v -> db.preparedQuery(CLEAR).execute(Tuple.of(scheduleId)))
        .compose(v -> batch.isEmpty() ? Future.succeededFuture() : db.preparedQuery(INSERT).executeBatch(batch).mapEmpty())
        .compose(v -> db.preparedQuery(MARK).execute(Tuple.of(scheduleId, until, zone))).mapEmpty();
  }

  private static NextRow map(Row r) {
    long pairingId = r.getLong("pairing_id");
    Upcoming.Occurrence session = r.getLong("ns_id") == null ? null
        : new Upcoming.Occurrence(r.getLong("ns_id"), pairingId, r.getLong("ns_schedule_id"), r.getLocalDateTime("ns_occurrence"),
            r.getOffsetDateTime("ns_starts_at"), r.getInteger("ns_duration"), r.getString("ns_modality"), "scheduled");
    return new NextRow(pairingId, r.getLong("active_schedule_id"), r.getOffsetDateTime("occurrences_until"), r.getString("occurrences_zone"),
        session, r.getOffsetDateTime("no_starts_at"), r.getLocalDateTime("no_occurrence"), r.getInteger("duration_minutes"),
        r.getString("modality"));
  }
}
