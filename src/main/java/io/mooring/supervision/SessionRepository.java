package io.mooring.supervision;

import io.mooring.supervision.Supervision.Session;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for concrete sessions (touched series occurrences and one-offs) and supervision hours. */
final class SessionRepository {
  private static final String COLS = """
      id, org_id, pairing_id, schedule_id, occurrence_start, starts_at, duration_minutes, modality, session_type, status""";
  private static final String INSERT = """
      insert into supervision_sessions (org_id, pairing_id, schedule_id, occurrence_start, starts_at, duration_minutes, modality,
                                        session_type, status)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning\s""" + COLS;
  /**
   * A series occurrence is stored once (unique schedule_id, occurrence_start): a second insert at the same moment
   * waits for the first and then inserts nothing, and its next statement reads the row the first committed.
   */
  private static final String INSERT_OCCURRENCE = """
      insert into supervision_sessions (org_id, pairing_id, schedule_id, occurrence_start, starts_at, duration_minutes, modality,
                                        session_type, status)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (schedule_id, occurrence_start) do nothing returning\s""" + COLS;
  private static final String BY_ID = "select " + COLS + " from supervision_sessions where org_id = $1 and id = $2";
  private static final String FOR_UPDATE = BY_ID + " for update";
  private static final String BY_OCCURRENCE = "select " + COLS + " from supervision_sessions where schedule_id = $1 and occurrence_start = $2";
  private static final String UPDATE = """
      update supervision_sessions set starts_at = $2, duration_minutes = $3, modality = $4, session_type = $5, status = $6
       where id = $1 returning\s""" + COLS;
  private static final String OF_PAIRING = "select " + COLS + " from supervision_sessions where pairing_id = $1 order by starts_at desc limit $2";
  /** Rows that change what is upcoming: future sessions, and overrides of future series occurrences. */
  private static final String UPCOMING = "select " + COLS + " from supervision_sessions where pairing_id = any($1)"
      + " and (starts_at >= $2 or (schedule_id is not null and occurrence_start >= $3))";
  /** The last change to each pairing's calendar: its schedules and sessions (updated_at kept by triggers, V16). */
  private static final String LAST_CHANGED = """
      select pairing_id, max(updated_at) as changed from (
        select pairing_id, updated_at from supervision_schedules where pairing_id = any($1)
        union all
        select pairing_id, updated_at from supervision_sessions where pairing_id = any($1)) changes
       group by pairing_id""";
  private static final String HOURS = """
      select s.starts_at, s.duration_minutes, s.session_type, p.type as pairing_type, p.supervisor_id, p.credential
        from supervision_sessions s join supervision_pairings p on p.id = s.pairing_id
       where p.org_id = $1 and p.supervisee_id = $2 and s.status = 'held' and ($3::bigint is null or p.supervisor_id = $3)
       order by s.starts_at""";

  private static final String DELETE = "delete from supervision_sessions where id = $1";

  private SessionRepository() {}

  static Future<Void> delete(SqlClient db, long id) {
    return db.preparedQuery(DELETE).execute(Tuple.of(id)).mapEmpty();
  }

  record HeldSession(OffsetDateTime startsAt, int durationMinutes, String sessionType, String pairingType, long supervisorId,
                     String credential) {}

  static Future<Session> insert(SqlClient db, Session s) {
    return db.preparedQuery(INSERT).execute(Tuple.from(new Object[] {s.orgId(), s.pairingId(), s.scheduleId(), s.occurrenceStart(),
        s.startsAt(), s.durationMinutes(), s.modality(), s.type(), s.status()})).map(rows -> map(rows.iterator().next()));
  }

  /** The occurrence's session: this one, or the one a concurrent request stored first. */
  static Future<Session> insertOccurrence(SqlClient db, Session s) {
    return db.preparedQuery(INSERT_OCCURRENCE).execute(Tuple.from(new Object[] {s.orgId(), s.pairingId(), s.scheduleId(), s.occurrenceStart(),
        s.startsAt(), s.durationMinutes(), s.modality(), s.type(), s.status()})).map(SessionRepository::first)
        .compose(inserted -> inserted.isPresent() ? Future.succeededFuture(inserted.get())
            : byOccurrence(db, s.scheduleId(), s.occurrenceStart()).map(Optional::orElseThrow));
  }

  static Future<Optional<Session>> byId(SqlClient db, long orgId, long id, boolean lock) {
    return db.preparedQuery(lock ? FOR_UPDATE : BY_ID).execute(Tuple.of(orgId, id)).map(SessionRepository::first);
  }

  static Future<Optional<Session>> byOccurrence(SqlClient db, long scheduleId, LocalDateTime occurrence) {
    return db.preparedQuery(BY_OCCURRENCE).execute(Tuple.of(scheduleId, occurrence)).map(SessionRepository::first);
  }

  static Future<Session> update(SqlClient db, Session s) {
    return db.preparedQuery(UPDATE).execute(Tuple.of(s.id(), s.startsAt(), s.durationMinutes(), s.modality(), s.type(), s.status()))
        .map(rows -> map(rows.iterator().next()));
  }

  static Future<List<Session>> ofPairing(SqlClient db, long pairingId, int limit) {
    return db.preparedQuery(OF_PAIRING).execute(Tuple.of(pairingId, limit)).map(SessionRepository::all);
  }

  static Future<List<Session>> upcoming(SqlClient db, List<Long> pairingIds, OffsetDateTime from, LocalDateTime localFrom) {
    if (pairingIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return db.preparedQuery(UPCOMING).execute(Tuple.of(pairingIds.toArray(new Long[0]), from, localFrom)).map(SessionRepository::all);
  }

  static Future<java.util.Map<Long, java.time.Instant>> lastChanged(SqlClient db, List<Long> pairingIds) {
    if (pairingIds.isEmpty()) {
      return Future.succeededFuture(java.util.Map.of());
    }
    return db.preparedQuery(LAST_CHANGED).execute(Tuple.of(pairingIds.toArray(new Long[0]))).map(rows -> {
      java.util.Map<Long, java.time.Instant> out = new java.util.HashMap<>();
      rows.forEach(r -> out.put(r.getLong("pairing_id"), r.getOffsetDateTime("changed").toInstant()));
      return out;
    });
  }

  static Future<List<HeldSession>> held(SqlClient db, long orgId, long superviseeId, Long supervisorId) {
    return db.preparedQuery(HOURS).execute(Tuple.of(orgId, superviseeId, supervisorId)).map(rows -> {
      List<HeldSession> out = new ArrayList<>();
      rows.forEach(r -> out.add(new HeldSession(r.getOffsetDateTime("starts_at"), r.getInteger("duration_minutes"),
          r.getString("session_type"), r.getString("pairing_type"), r.getLong("supervisor_id"), r.getString("credential"))));
      return out;
    });
  }

  private static Optional<Session> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next()));
  }

  private static List<Session> all(RowSet<Row> rows) {
    List<Session> out = new ArrayList<>();
    rows.forEach(r -> out.add(map(r)));
    return out;
  }

  static Session map(Row r) {
    return new Session(r.getLong("id"), r.getLong("org_id"), r.getLong("pairing_id"), r.getLong("schedule_id"),
        r.getLocalDateTime("occurrence_start"), r.getOffsetDateTime("starts_at"), r.getInteger("duration_minutes"),
        r.getString("modality"), r.getString("session_type"), r.getString("status"));
  }
}
