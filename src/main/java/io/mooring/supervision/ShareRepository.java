package io.mooring.supervision;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** SQL for records a supervisee shared with another of their supervisors. */
final class ShareRepository {
  /**
   * The whole read rule in one place: a share of a signed record, to a reader who still supervises
   * the record's supervisee in the same organization right now (an ended pairing grants nothing).
   */
  private static final String CAN_READ = """
      select exists(select 1 from supervision_record_shares sh
                      join supervision_records r on r.session_id = sh.session_id and r.status <> 'draft'
                      join supervision_pairings p on p.id = r.pairing_id
                      join supervision_pairings mine on mine.supervisee_id = p.supervisee_id and mine.supervisor_id = sh.supervisor_id
                                                    and mine.org_id = p.org_id and mine.ended_at is null
                     where sh.session_id = $1 and sh.supervisor_id = $2 and p.org_id = $3)""";
  private static final String CURRENT_SUPERVISOR = """
      select exists(select 1 from supervision_pairings
                     where org_id = $1 and supervisor_id = $2 and supervisee_id = $3 and ended_at is null)""";
  private static final String INSERT = """
      insert into supervision_record_shares (session_id, supervisor_id) values ($1, $2)
      on conflict (session_id, supervisor_id) do nothing""";
  private static final String DELETE = "delete from supervision_record_shares where session_id = $1 and supervisor_id = $2";
  private static final String OF_RECORD = """
      select supervisor_id, shared_at from supervision_record_shares where session_id = $1 order by shared_at, supervisor_id""";

  private ShareRepository() {}

  record Share(long supervisorId, OffsetDateTime sharedAt) {}

  static Future<Boolean> canRead(SqlClient db, long orgId, long sessionId, long readerId) {
    return db.preparedQuery(CAN_READ).execute(Tuple.of(sessionId, readerId, orgId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  static Future<Boolean> currentSupervisor(SqlClient db, long orgId, long supervisorId, long superviseeId) {
    return db.preparedQuery(CURRENT_SUPERVISOR).execute(Tuple.of(orgId, supervisorId, superviseeId))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  static Future<Void> insert(SqlClient db, long sessionId, long supervisorId) {
    return db.preparedQuery(INSERT).execute(Tuple.of(sessionId, supervisorId)).mapEmpty();
  }

  static Future<Boolean> delete(SqlClient db, long sessionId, long supervisorId) {
    return db.preparedQuery(DELETE).execute(Tuple.of(sessionId, supervisorId)).map(rows -> rows.rowCount() > 0);
  }

  static Future<List<Share>> ofRecord(SqlClient db, long sessionId) {
    return db.preparedQuery(OF_RECORD).execute(Tuple.of(sessionId)).map(rows -> {
      List<Share> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Share(r.getLong("supervisor_id"), r.getOffsetDateTime("shared_at"))));
      return out;
    });
  }
}
