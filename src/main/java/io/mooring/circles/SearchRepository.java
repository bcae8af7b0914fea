package io.mooring.circles;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Full-text search over the circles a person is a member of, newest first. The membership lookup is in
 * the query itself, so a circle someone is not in (or has left) can never contribute a row. The
 * expression matches the GIN index circle_messages_search (V14). Members see a circle's whole history
 * (circles do not hide history from new members), so search does too.
 */
final class SearchRepository {
  /**
   * The member's circles come first as an array, so each is one condition of the (circle_id, words)
   * GIN index (V14_1): the index yields only matches inside those circles.
   */
  private static final String SEARCH = """
      select m.id, m.circle_id, c.name as circle_name, m.seq, m.author_id, u.display_name, m.body, m.created_at
        from circle_messages m
        join circles c on c.id = m.circle_id
        join users u on u.id = m.author_id
       where m.circle_id = any(array(select cm.circle_id from circle_members cm join circles mc on mc.id = cm.circle_id
                                      where cm.user_id = $1 and mc.org_id = $2 and mc.archived_at is null))
         and to_tsvector('english', m.body) @@ websearch_to_tsquery('english', $3) and m.deleted_at is null
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
