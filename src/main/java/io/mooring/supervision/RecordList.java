package io.mooring.supervision;

import io.mooring.people.Person;
import io.mooring.people.PeopleService;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.relations.Entitlement;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Past records as people look for them: by the date the session took place, with the other person's
 * name and the record's status. Mine as supervisee, mine as supervisor (only while I supervise the pairing), and signed records a peer
 * shared with me (by the same rule as {@link ShareRepository#canRead}).
 */
public final class RecordList {
  private static final String COLS = """
      select r.session_id, r.status, s.starts_at, p.supervisor_id, p.supervisee_id
        from supervision_records r join supervision_sessions s on s.id = r.session_id
        join supervision_pairings p on p.id = r.pairing_id""";
  private static final String OWN = COLS + "\n" + """
       where p.org_id = $1 and (p.supervisee_id = $2 or p.id = any($5)) and s.starts_at >= $3
       order by s.starts_at desc limit $4""";
  private static final String SHARED = COLS + "\n" + """
        join supervision_record_shares sh on sh.session_id = r.session_id and sh.supervisor_id = $2
        join supervision_pairings mine on mine.supervisee_id = p.supervisee_id and mine.supervisor_id = sh.supervisor_id
                                      and mine.org_id = p.org_id and mine.ended_at is null
       where p.org_id = $1 and r.status <> 'draft' and s.starts_at >= $3
       order by s.starts_at desc limit $4""";
  static final int LIMIT = 200;
  /** The periods a person can filter by, by the words the filter shows. */
  public static final Map<String, Period> PERIODS = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Map.of(
      "3m", Period.ofMonths(3), "12m", Period.ofMonths(12), "all", Period.ofYears(100))));

  private final Pool pool;
  private final PeopleService people;
  private final Entitlement entitlement;

  RecordList(Pool pool, PeopleService people) {
    this.pool = pool;
    this.people = people;
    this.entitlement = new Entitlement(pool);
  }

  /** One past record: when the session took place, who with, and where it stands. */
  public record Entry(long sessionId, String status, OffsetDateTime sessionAt, String supervisor, String supervisee) {}

  public record Lists(List<Entry> asSupervisee, List<Entry> asSupervisor, List<Entry> sharedWithMe) {}

  public static String periodLabel(String key) {
    return switch (key) {
      case "3m" -> "Last 3 months";
      case "12m" -> "Last 12 months";
      default -> "All";
    };
  }

  public Future<Lists> of(CurrentUser me, String period, int limit) {
    OffsetDateTime from = OffsetDateTime.now().minus(PERIODS.getOrDefault(period, PERIODS.get("all")));
    Tuple args = Tuple.of(me.orgId(), me.id(), from, limit);
    // As supervisor: only the pairings Entitlement counts me the supervisor of now (active pairing, active account
    // holding the role), as PairingRole decides for each record; an ended pairing's records stay the supervisee's.
    Future<RowSet<Row>> own = entitlement.viewer(me.id(), me.orgId()).compose(v -> pool.preparedQuery(OWN)
        .execute(Tuple.of(me.orgId(), me.id(), from, limit, v.supervisedPairings().toArray(new Long[0]))));
    return Future.all(own, pool.preparedQuery(SHARED).execute(args), people.everyone(me.orgId()))
        .map(all -> {
          Map<Long, String> names = new HashMap<>();
          ((List<Person>) all.resultAt(2)).forEach(p -> names.put(p.id(), p.displayName()));
          List<Entry> supervisee = new ArrayList<>();
          List<Entry> supervisor = new ArrayList<>();
          for (Row r : (io.vertx.sqlclient.RowSet<Row>) all.resultAt(0)) {
            (r.getLong("supervisee_id") == me.id() ? supervisee : supervisor).add(entry(r, names));
          }
          List<Entry> shared = new ArrayList<>();
          ((io.vertx.sqlclient.RowSet<Row>) all.resultAt(1)).forEach(r -> shared.add(entry(r, names)));
          return new Lists(supervisee, supervisor, shared);
        });
  }

  private static Entry entry(Row r, Map<Long, String> names) {
    return new Entry(r.getLong("session_id"), r.getString("status"), r.getOffsetDateTime("starts_at"),
        names.getOrDefault(r.getLong("supervisor_id"), "?"), names.getOrDefault(r.getLong("supervisee_id"), "?"));
  }
}
