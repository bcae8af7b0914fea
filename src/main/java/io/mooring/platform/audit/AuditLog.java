package io.mooring.platform.audit;

import io.mooring.platform.http.DateTimes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * The append-only audit log (a trigger refuses UPDATE, DELETE and TRUNCATE). Entries carry ids and
 * action names, never personal content: no message text, no disclosure item content.
 */
public final class AuditLog {
  private static final String INSERT = """
      insert into audit_log (org_id, actor_id, action, subject_type, subject_id, address, detail)
      values ($1, $2, $3, $4, $5, $6, $7)""";
  private static final String PAGE = """
      select id, at, actor_id, action, subject_type, subject_id, address, detail
        from audit_log where org_id = $1 and id < $2 order by id desc limit $3""";

  private AuditLog() {}

  public record Entry(Long orgId, Long actorId, String action, String subjectType, String subjectId, String address, JsonObject detail) {
    public static Entry of(Long orgId, Long actorId, String action) {
      return new Entry(orgId, actorId, action, null, null, null, new JsonObject());
    }

    public Entry subject(String type, Object id) {
      return new Entry(orgId, actorId, action, type, String.valueOf(id), address, detail);
    }

    public Entry from(String addr) {
      return new Entry(orgId, actorId, action, subjectType, subjectId, addr, detail);
    }

    public Entry with(String key, Object value) {
      return new Entry(orgId, actorId, action, subjectType, subjectId, address, detail.copy().put(key, value));
    }
  }

  public static Future<Void> record(SqlClient db, Entry e) {
    return db.preparedQuery(INSERT)
        .execute(Tuple.of(e.orgId(), e.actorId(), e.action(), e.subjectType(), e.subjectId(), e.address(), e.detail()))
        .mapEmpty();
  }

  /** Newest first, {@code before} an id (cursor paging). */
  public static Future<JsonArray> page(SqlClient db, long orgId, long before, int limit) {
    return db.preparedQuery(PAGE).execute(Tuple.of(orgId, before, limit)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject()
            .put("id", r.getLong("id"))
            .put("at", DateTimes.text(r.getOffsetDateTime("at")))
            .put("actorId", r.getLong("actor_id"))
            .put("action", r.getString("action"))
            .put("subjectType", r.getString("subject_type"))
            .put("subjectId", r.getString("subject_id"))
            .put("address", r.getString("address"))
            .put("detail", r.getJsonObject("detail")));
      }
      return out;
    });
  }
}
