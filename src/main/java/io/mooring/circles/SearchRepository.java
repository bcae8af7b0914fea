package io.mooring.circles;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Full-text search over the circles a person is a member of, newest first. The membership join is in
 * the query itself, so a circle someone is not in (or has left) can never contribute a row. The
 * expression matches the GIN index circle_messages_search (V14). Members see a circle's whole history
 * (circles do not hide history from new members), so search does too.
 */
final class SearchRepository {
  private static final String SEARCH = """
      select m.id, m.circle_id, c.name as circle_name, m.seq, m.author_id, u.display_name, m.body, m.created_at
        from circle_messages m
        join circle_members cm on cm.circle_id = m.circle_id and cm.user_id = $1
        join circles c on c.id = m.circle_id and c.archived_at is null and c.org_id = $2
        join users u on u.id = m.author_id
       where to_tsvector('english', m.body) @@ websearch_to_tsquery('english', $3) and m.deleted_at is null
       order by m.created_at desc, m.id desc limit $4""";

  private SearchRepository() {}

  static Future<JsonArray> search(SqlClient db, long userId, long orgId, String query, int limit) {
    return db.preparedQuery(SEARCH).execute(Tuple.of(userId, orgId, query, limit)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("circleId", r.getLong("circle_id")).put("circleName", r.getString("circle_name"))
            .put("messageId", r.getLong("id")).put("seq", r.getLong("seq"))
            .put("author", new JsonObject().put("id", r.getLong("author_id")).put("displayName", r.getString("display_name")))
            .put("body", r.getString("body")).put("at", r.getOffsetDateTime("created_at").toString())
            .put("link", "/circles/" + r.getLong("circle_id") + "#seq-" + r.getLong("seq")));
      }
      return out;
    });
  }
}
