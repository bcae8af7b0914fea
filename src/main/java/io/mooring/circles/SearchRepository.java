package io.mooring.circles;

import io.mooring.platform.http.DateTimes;
import io.mooring.relations.CircleHistory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Full-text search over the circles a person is a member of, newest first. The membership lookup is in
 * the query itself, so a circle someone is not in (or has left) can never contribute a row. The
 * words are the stored column search_words, indexed with circle_id (V14_1). A circle that hides its history
 * from new members yields only what was sent after the searcher joined (relations.CircleHistory), as its pages do.
 */
public final class SearchRepository {
  /**
   * Per circle of mine, its newest matches (GIN does not take "circle_id = any(...)" as an index
   * condition, but does take "circle_id = one", V14_1), then the newest of those overall. Public so the search
   * benchmark (ops/bench/search) EXPLAINs this statement, not a copy that could drift from it.
   */
  public static final String SEARCH = """
      select m.id, m.circle_id, c.name as circle_name, m.seq, m.author_id, u.display_name, m.body, m.created_at
        from (select cm.circle_id, %s as hidden_through from circle_members cm join circles mc on mc.id = cm.circle_id
               where cm.user_id = $1 and mc.org_id = $2 and mc.archived_at is null offset 0) as mine
        cross join lateral (
              select x.id, x.circle_id, x.seq, x.author_id, x.body, x.created_at from circle_messages x
               where x.circle_id = mine.circle_id and x.search_words @@ websearch_to_tsquery('english', $3)
                 and x.deleted_at is null and x.seq > mine.hidden_through
               order by x.created_at desc, x.id desc limit $4) m
        join circles c on c.id = m.circle_id
        join users u on u.id = m.author_id
       order by m.created_at desc, m.id desc limit $4""".formatted(CircleHistory.hiddenThrough("cm", "mc"));

  private static final String CUSTOM_PLAN = "set local plan_cache_mode = force_custom_plan";

  private SearchRepository() {}

  /**
   * Planned for the actual words every time: the best plan differs by how common a word is (a common
   * one: walk each circle's newest messages; a rare one: the GIN index), and a cached statement's
   * generic plan would pick one for all (see ops/bench/RESULTS.md, chat search). One transaction, so the
   * setting ends with it.
   */
  static Future<JsonArray> search(Pool pool, long userId, long orgId, String query, int limit) {
    return pool.withTransaction(tx -> tx.query(CUSTOM_PLAN).execute()
        .compose(v -> tx.preparedQuery(SEARCH).execute(Tuple.of(userId, orgId, query, limit)))).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("circleId", r.getLong("circle_id")).put("circleName", r.getString("circle_name"))
            .put("messageId", r.getLong("id")).put("seq", r.getLong("seq"))
            .put("author", new JsonObject().put("id", r.getLong("author_id")).put("displayName", r.getString("display_name")))
            .put("body", r.getString("body")).put("at", DateTimes.text(r.getOffsetDateTime("created_at")))
            .put("link", "/circles/" + r.getLong("circle_id") + "#seq-" + r.getLong("seq")));
      }
      return out;
    });
  }
}
