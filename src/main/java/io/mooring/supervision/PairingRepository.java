package io.mooring.supervision;

import io.mooring.relations.Entitlement;
import io.mooring.supervision.Supervision.Agreement;
import io.mooring.supervision.Supervision.PairingStatus;
import io.mooring.supervision.Supervision.Schedule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for pairings as supervision sees them: status for dashboards, agreements, schedules, settings, feed tokens. */
final class PairingRepository {
  private static final String PAIRING = """
      select id, org_id, supervisor_id, supervisee_id, type, credential, licence_number, ended_at is null as active
        from supervision_pairings where org_id = $1 and id = $2""";
  /** One set-based query per dashboard: the index on held sessions answers last_held without touching history. */
  private static final String STATUS = """
      select p.id, p.org_id, p.supervisor_id, p.supervisee_id, p.type, p.credential, p.licence_number,
             p.ended_at is null as active, p.created_at, p.ended_at,
             s.id as schedule_id, s.rrule, s.first_start, s.duration_minutes, s.modality, s.cadence_days,
             h.last_held, oi.open_items, a.version as agreement_version, a.supervisor_ack_at, a.supervisee_ack_at,
             p.ended_at is null and coalesce(h.last_held, p.created_at)
               < now() - make_interval(days => coalesce(s.cadence_days, 30) + coalesce(st.grace_days, 7)) as overdue
        from supervision_pairings p
        left join supervision_schedules s on s.pairing_id = p.id and s.ended_at is null
        left join supervision_settings st on st.org_id = p.org_id
        left join lateral (select max(x.starts_at) as last_held from supervision_sessions x
                            where x.pairing_id = p.id and x.status = 'held') h on true
        left join lateral (select count(*) as open_items from supervision_action_items i
                            where i.pairing_id = p.id and i.status = 'open') oi on true
        left join lateral (select g.version, g.supervisor_ack_at, g.supervisee_ack_at from supervision_agreements g
                            where g.pairing_id = p.id order by g.version desc limit 1) a on true
       where p.org_id = $1 and\s""";
  // As supervisor only while holding the role (relations.Entitlement's rule): a demoted supervisor's dashboard, list and calendar go empty.
  private static final String BY_SUPERVISOR = STATUS + """
      p.supervisor_id = $2 and p.ended_at is null
         and exists (select 1 from users v where v.id = p.supervisor_id and %s) order by p.id""".formatted(Entitlement.holdsSupervisorRole("v"));
  private static final String BY_SUPERVISEE = STATUS + "p.supervisee_id = $2 and p.ended_at is null order by p.id";
  private static final String BY_ORG = STATUS + "($2::boolean or p.ended_at is null) order by p.ended_at nulls first, p.id";
  private static final String BY_ID = STATUS + "p.id = $2";
  private static final String END = "update supervision_pairings set ended_at = now() where org_id = $1 and id = $2 and ended_at is null";
  private static final String AGREEMENT_COLS = """
      id, pairing_id, version, cadence, confidentiality, expectations, created_by, created_at, supervisor_ack_at, supervisee_ack_at""";
  private static final String INSERT_AGREEMENT = """
      insert into supervision_agreements (pairing_id, version, cadence, confidentiality, expectations, created_by)
      select $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 from supervision_agreements where pairing_id = $1
      returning\s""" + AGREEMENT_COLS;
  private static final String AGREEMENTS = "select " + AGREEMENT_COLS + " from supervision_agreements where pairing_id = $1 order by version desc";
  private static final String ACK_SUPERVISOR = "update supervision_agreements set supervisor_ack_at = coalesce(supervisor_ack_at, now()) where id = $1 returning " + AGREEMENT_COLS;
  private static final String ACK_SUPERVISEE = "update supervision_agreements set supervisee_ack_at = coalesce(supervisee_ack_at, now()) where id = $1 returning " + AGREEMENT_COLS;
  private static final String END_SCHEDULE = "update supervision_schedules set ended_at = now() where pairing_id = $1 and ended_at is null";
  private static final String INSERT_SCHEDULE = """
      insert into supervision_schedules (pairing_id, rrule, first_start, duration_minutes, modality, cadence_days)
      values ($1, $2, $3, $4, $5, $6) returning id, pairing_id, rrule, first_start, duration_minutes, modality, cadence_days""";
  private static final String GRACE = "select grace_days from supervision_settings where org_id = $1";
  private static final String SET_GRACE = """
      insert into supervision_settings (org_id, grace_days) values ($1, $2)
      on conflict (org_id) do update set grace_days = excluded.grace_days""";
  private static final String SET_FEED = """
      insert into supervision_feed_tokens (user_id, org_id, token_hash) values ($1, $3, $2)
      on conflict (user_id) do update set token_hash = excluded.token_hash, created_at = now()""";
  private static final String FEED_USER = "select user_id, org_id from supervision_feed_tokens where token_hash = $1";

  private PairingRepository() {}

  static Future<Optional<Pairings.Pairing>> pairing(SqlClient db, long orgId, long id) {
    return db.preparedQuery(PAIRING).execute(Tuple.of(orgId, id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Pairings.map(rows.iterator().next())));
  }

  static Future<List<PairingStatus>> bySupervisor(SqlClient db, long orgId, long supervisorId) {
    return db.preparedQuery(BY_SUPERVISOR).execute(Tuple.of(orgId, supervisorId)).map(PairingRepository::statuses);
  }

  static Future<List<PairingStatus>> bySupervisee(SqlClient db, long orgId, long superviseeId) {
    return db.preparedQuery(BY_SUPERVISEE).execute(Tuple.of(orgId, superviseeId)).map(PairingRepository::statuses);
  }

  static Future<List<PairingStatus>> byOrg(SqlClient db, long orgId, boolean includeEnded) {
    return db.preparedQuery(BY_ORG).execute(Tuple.of(orgId, includeEnded)).map(PairingRepository::statuses);
  }

  static Future<Optional<PairingStatus>> status(SqlClient db, long orgId, long pairingId) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(orgId, pairingId))
        .map(rows -> statuses(rows).stream().findFirst());
  }

  static Future<Boolean> end(SqlClient db, long orgId, long id) {
    return db.preparedQuery(END).execute(Tuple.of(orgId, id)).map(rows -> rows.rowCount() > 0);
  }

  static Future<Agreement> insertAgreement(SqlClient db, long pairingId, String cadence, String confidentiality, String expectations,
                                           long by) {
    return db.preparedQuery(INSERT_AGREEMENT).execute(Tuple.of(pairingId, cadence, confidentiality, expectations, by))
        .map(rows -> agreement(rows.iterator().next()));
  }

  static Future<List<Agreement>> agreements(SqlClient db, long pairingId) {
    return db.preparedQuery(AGREEMENTS).execute(Tuple.of(pairingId)).map(rows -> {
      List<Agreement> out = new ArrayList<>();
      rows.forEach(r -> out.add(agreement(r)));
      return out;
    });
  }

  static Future<Agreement> acknowledgeAgreement(SqlClient db, long agreementId, boolean asSupervisor) {
    return db.preparedQuery(asSupervisor ? ACK_SUPERVISOR : ACK_SUPERVISEE).execute(Tuple.of(agreementId))
        .map(rows -> agreement(rows.iterator().next()));
  }

  static Future<Schedule> replaceSchedule(SqlClient db, Schedule s) {
    return db.preparedQuery(END_SCHEDULE).execute(Tuple.of(s.pairingId()))
        .compose(v -> db.preparedQuery(INSERT_SCHEDULE).execute(Tuple.of(s.pairingId(), s.rrule(), s.firstStart(),
            s.durationMinutes(), s.modality(), s.cadenceDays())))
        .map(rows -> schedule(rows.iterator().next(), "id"));
  }

  static Future<Integer> graceDays(SqlClient db, long orgId) {
    return db.preparedQuery(GRACE).execute(Tuple.of(orgId)).map(rows -> rows.size() == 0 ? 7 : rows.iterator().next().getInteger(0));
  }

  static Future<Void> setGraceDays(SqlClient db, long orgId, int days) {
    return db.preparedQuery(SET_GRACE).execute(Tuple.of(orgId, days)).mapEmpty();
  }

  static Future<Void> setFeedToken(SqlClient db, long userId, long orgId, String hash) {
    return db.preparedQuery(SET_FEED).execute(Tuple.of(userId, hash, orgId)).mapEmpty();
  }

  /** The (user id, organization id) a feed secret belongs to. */
  static Future<Optional<long[]>> feedUser(SqlClient db, String hash) {
    return db.preparedQuery(FEED_USER).execute(Tuple.of(hash)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new long[] {rows.iterator().next().getLong(0), rows.iterator().next().getLong(1)}));
  }

  private static List<PairingStatus> statuses(RowSet<Row> rows) {
    List<PairingStatus> out = new ArrayList<>();
    for (Row r : rows) {
      Schedule s = r.getLong("schedule_id") == null ? null : schedule(r, "schedule_id");
      Integer version = r.getInteger("agreement_version");
      out.add(new PairingStatus(Pairings.map(r), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("ended_at"), s,
          r.getOffsetDateTime("last_held"), r.getLong("open_items"), version,
          r.getOffsetDateTime("supervisor_ack_at") != null, r.getOffsetDateTime("supervisee_ack_at") != null,
          Boolean.TRUE.equals(r.getBoolean("overdue"))));
    }
    return out;
  }

  private static Schedule schedule(Row r, String idColumn) {
    long pairingId = r.getColumnIndex("pairing_id") >= 0 ? r.getLong("pairing_id") : r.getLong("id");
    return new Schedule(r.getLong(idColumn), pairingId, r.getString("rrule"), r.getLocalDateTime("first_start"),
        r.getInteger("duration_minutes"), r.getString("modality"), r.getInteger("cadence_days"));
  }

  private static Agreement agreement(Row r) {
    return new Agreement(r.getLong("id"), r.getLong("pairing_id"), r.getInteger("version"), r.getString("cadence"),
        r.getString("confidentiality"), r.getString("expectations"), r.getLong("created_by"), r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("supervisor_ack_at"), r.getOffsetDateTime("supervisee_ack_at"));
  }
}
