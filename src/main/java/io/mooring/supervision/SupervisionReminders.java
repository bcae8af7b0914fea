package io.mooring.supervision;

import io.mooring.platform.calendar.Recurrence;
import io.mooring.platform.notify.NotificationKind;
import io.mooring.platform.notify.Notice;
import io.mooring.platform.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The periodic supervision checks: a reminder 24 hours before each session (stored sessions and
 * series occurrences alike), and "supervision is overdue" to the supervisor. Each run may repeat on
 * every node: the event keys (pairing + start, pairing + last held) make repeats insert nothing.
 * Every link names the session or the pairing, so that showing or mailing the notice later can ask
 * whether the recipient still plays their part in it (SupervisionNotices).
 */
public final class SupervisionReminders {
  static final Duration AHEAD = Duration.ofHours(24);
  /** Stored sessions starting within the window (partial index on starts_at of scheduled sessions, V15). */
  private static final String STORED = """
      select s.id, s.pairing_id, s.org_id, s.starts_at, p.supervisor_id, p.supervisee_id
        from supervision_sessions s join supervision_pairings p on p.id = s.pairing_id and p.ended_at is null
       where s.status = 'scheduled' and s.starts_at > now() and s.starts_at <= now() + make_interval(secs => $1)""";
  private static final String SERIES = """
      select s.id, s.pairing_id, s.rrule, s.first_start, p.org_id, p.supervisor_id, p.supervisee_id
        from supervision_schedules s join supervision_pairings p on p.id = s.pairing_id and p.ended_at is null
       where s.ended_at is null""";
  /** Which of these occurrences a stored session stands for (moved, cancelled, held…): the unique index answers. */
  private static final String OVERRIDDEN = """
      select schedule_id, occurrence_start from supervision_sessions
       where (schedule_id, occurrence_start) in (select * from unnest($1::bigint[], $2::timestamp[]))""";
  private static final String OVERDUE = """
      select p.id, p.org_id, p.supervisor_id, p.supervisee_id, coalesce(h.last_held, p.created_at) as since
        from supervision_pairings p
        left join supervision_schedules s on s.pairing_id = p.id and s.ended_at is null
        left join supervision_settings st on st.org_id = p.org_id
        left join lateral (select max(x.starts_at) as last_held from supervision_sessions x
                            where x.pairing_id = p.id and x.status = 'held') h on true
       where p.ended_at is null and coalesce(h.last_held, p.created_at)
             < now() - make_interval(days => coalesce(s.cadence_days, 30) + coalesce(st.grace_days, 7))""";

  private final Pool pool;
  private final Notifications notices;

  SupervisionReminders(Pool pool, Notifications notices) {
    this.pool = pool;
    this.notices = notices;
    notices.jobs().every("supervision reminders", Duration.ofMinutes(5), this::remindSessions);
    notices.jobs().every("supervision overdue", Duration.ofHours(1), this::overdue);
  }

  /** Reminds both people of every session starting within the next 24 hours; answers how many reminders were written. */
  public Future<Integer> remindSessions() {
    Instant now = Instant.now();
    return Future.all(pool.preparedQuery(STORED).execute(Tuple.of(AHEAD.toSeconds())), pool.query(SERIES).execute())
        .compose(all -> zones(all.resultAt(0), all.resultAt(1)).compose(zones -> {
          List<Future<Integer>> writes = new ArrayList<>();
          for (Row r : all.<RowSet<Row>>resultAt(0)) {
            writes.add(remind(r, r.getOffsetDateTime("starts_at").toInstant(), zones.get(r.getLong("org_id")),
                "/supervision/sessions/" + r.getLong("id")));
          }
          return seriesReminders(all.resultAt(1), zones, now).compose(more -> {
            writes.addAll(more);
            return sum(writes);
          });
        }));
  }

  private record Due(Row series, ZonedDateTime at) {}

  /** Occurrences of the series in the window that no stored session replaces (those were reminded as stored sessions). */
  private Future<List<Future<Integer>>> seriesReminders(RowSet<Row> series, Map<Long, ZoneId> zones, Instant now) {
    List<Due> due = new ArrayList<>();
    for (Row r : series) {
      ZoneId zone = zones.get(r.getLong("org_id"));
      Recurrence.between(r.getString("rrule"), r.getLocalDateTime("first_start"), zone, now, now.plus(AHEAD), 4)
          .forEach(z -> due.add(new Due(r, z)));
    }
    if (due.isEmpty()) {
      return Future.succeededFuture(new ArrayList<>());
    }
    Long[] ids = due.stream().map(d -> d.series().getLong("id")).toArray(Long[]::new);
    LocalDateTime[] starts = due.stream().map(d -> d.at().toLocalDateTime()).toArray(LocalDateTime[]::new);
    return pool.preparedQuery(OVERRIDDEN).execute(Tuple.tuple().addArrayOfLong(ids).addArrayOfLocalDateTime(starts)).map(rows -> {
      Set<String> overridden = new HashSet<>();
      rows.forEach(r -> overridden.add(r.getLong(0) + "@" + r.getLocalDateTime(1)));
      List<Future<Integer>> writes = new ArrayList<>();
      for (Due d : due) {
        if (!overridden.contains(d.series().getLong("id") + "@" + d.at().toLocalDateTime())) {
          writes.add(remind(d.series(), d.at().toInstant(), d.at().getZone(), SupervisionNotices.SERIES_LINK + d.series().getLong("pairing_id")));
        }
      }
      return writes;
    });
  }

  /** Each organization's time zone, asked once per organization per run. */
  private Future<Map<Long, ZoneId>> zones(RowSet<Row> stored, RowSet<Row> series) {
    Set<Long> orgs = new HashSet<>();
    stored.forEach(r -> orgs.add(r.getLong("org_id")));
    series.forEach(r -> orgs.add(r.getLong("org_id")));
    List<Long> ids = List.copyOf(orgs);
    List<Future<ZoneId>> found = ids.stream().map(notices.directory()::timeZone).toList();
    return Future.all(found).map(done -> {
      Map<Long, ZoneId> out = new HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        out.put(ids.get(i), found.get(i).result());
      }
      return out;
    });
  }

  private Future<Integer> remind(Row r, Instant at, ZoneId zone, String link) {
    String title = "Reminder: supervision session on " + SupervisionNotices.WHEN.format(at.atZone(zone));
    return notices.enqueue(pool, new Notice(r.getLong("org_id"), List.of(r.getLong("supervisor_id"), r.getLong("supervisee_id")),
        NotificationKind.SESSION_REMINDER, "session_reminder:" + r.getLong("pairing_id") + ":" + at.getEpochSecond(),
        title, link));
  }

  /** Tells each supervisor once per overdue stretch (keyed by the last held session). */
  public Future<Integer> overdue() {
    return pool.query(OVERDUE).execute().compose(rows -> {
      List<Future<Integer>> writes = new ArrayList<>();
      for (Row r : rows) {
        long org = r.getLong("org_id");
        String key = "supervision_overdue:" + r.getLong("id") + ":" + r.getOffsetDateTime("since").toInstant().getEpochSecond();
        long peer = r.getLong("supervisee_id");
        writes.add(notices.directory().displayNames(org, List.of(peer)).compose(names -> notices.enqueue(pool, Notice.to(org,
            r.getLong("supervisor_id"), NotificationKind.SUPERVISION_OVERDUE, key,
            "Supervision with " + names.getOrDefault(peer, "a supervisee") + " is overdue", SupervisionNotices.PAIRING_LINK + r.getLong("id")))));
      }
      return sum(writes);
    });
  }

  private static Future<Integer> sum(List<Future<Integer>> writes) {
    return Future.all(writes).map(done -> writes.stream().mapToInt(Future::result).sum());
  }
}
