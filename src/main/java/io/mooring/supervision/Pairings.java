package io.mooring.supervision;

import io.mooring.relations.Entitlement;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Who supervises whom, right now. Check-ins ask this (never the table) to decide what a supervisor
 * may see; an ended pairing, a deactivated supervisor or one without the supervisor role grants
 * nothing. The rule itself lives in {@link Entitlement}; these are thin delegates.
 */
public final class Pairings {
  private static final String ACTIVE_FOR = """
      select id, org_id, supervisor_id, supervisee_id, type, credential, licence_number, ended_at is null as active
        from supervision_pairings where (supervisor_id = $1 or supervisee_id = $1) and ended_at is null order by id""";
  private static final String INSERT = """
      insert into supervision_pairings (org_id, supervisor_id, supervisee_id, type, credential, licence_number)
      values ($1, $2, $3, $4, $5, $6)
      returning id, org_id, supervisor_id, supervisee_id, type, credential, licence_number, true as active""";

  private final Pool pool;
  private final Entitlement entitlement;

  public Pairings(Pool pool) {
    this.pool = pool;
    this.entitlement = new Entitlement(pool);
  }

  public record Pairing(long id, long orgId, long supervisorId, long superviseeId, String type, String credential,
                        String licenceNumber, boolean active) {}

  public Future<Boolean> supervises(long supervisorId, long superviseeId) {
    return entitlement.supervises(supervisorId, superviseeId);
  }

  public Future<List<Long>> supervisorsOf(long superviseeId) {
    return entitlement.supervisorsOf(superviseeId);
  }

  public Future<List<Long>> superviseesOf(long supervisorId) {
    return entitlement.superviseesOf(supervisorId);
  }

  /** Active pairings in which this person is supervisor or supervisee. */
  public Future<List<Pairing>> activeFor(long userId) {
    return pool.preparedQuery(ACTIVE_FOR).execute(Tuple.of(userId)).map(rows -> {
      List<Pairing> out = new ArrayList<>();
      rows.forEach(r -> out.add(map(r)));
      return out;
    });
  }

  /** Inserts a pairing; callers (the supervision service, demo, fixtures) check roles and organization first. */
  public static Future<Pairing> insert(SqlClient db, long orgId, long supervisorId, long superviseeId, String type,
                                       String credential, String licenceNumber) {
    return db.preparedQuery(INSERT).execute(Tuple.of(orgId, supervisorId, superviseeId, type, credential, licenceNumber))
        .map(rows -> map(rows.iterator().next()));
  }

  static Pairing map(Row r) {
    return new Pairing(r.getLong("id"), r.getLong("org_id"), r.getLong("supervisor_id"), r.getLong("supervisee_id"),
        r.getString("type"), r.getString("credential"), r.getString("licence_number"), r.getBoolean("active"));
  }
}
