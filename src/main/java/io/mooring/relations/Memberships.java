package io.mooring.relations;

import io.mooring.platform.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's own current memberships: the active pairings in which they are supervised, and the
 * circles they belong to (disclosure offers them as audiences; circles refresh the member cards of
 * someone whose disclosure changed). Read here, below the features, so neither disclosure nor
 * circles needs the other's classes, or supervision's.
 */
public final class Memberships {
  private static final String PAIRINGS_AS_SUPERVISEE = """
      select id, supervisor_id, type from supervision_pairings where supervisee_id = $1 and ended_at is null order by id""";
  private static final String CIRCLES_OF = "select circle_id from circle_members where user_id = $1 order by circle_id";
  private static final String CIRCLE_NAMES = "select id, name from circles where org_id = $1 and id = any($2)";

  private final SqlClient db;

  public Memberships(SqlClient db) {
    this.db = db;
  }

  /** One active pairing in which this person is the supervisee. */
  public record Supervised(long pairingId, long supervisorId, String type) {}

  public Future<List<Supervised>> pairingsAsSupervisee(long userId) {
    return db.preparedQuery(PAIRINGS_AS_SUPERVISEE).execute(Tuple.of(userId)).map(rows -> {
      List<Supervised> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Supervised(r.getLong("id"), r.getLong("supervisor_id"), r.getString("type"))));
      return out;
    });
  }

  public Future<List<Long>> circlesOf(long userId) {
    return db.preparedQuery(CIRCLES_OF).execute(Tuple.of(userId)).map(Rows::longs);
  }

  /** The names of these circles of one organization, by id (a page names a circle, not its number). */
  public Future<Map<Long, String>> circleNames(long orgId, Collection<Long> circleIds) {
    if (circleIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return db.preparedQuery(CIRCLE_NAMES).execute(Tuple.of(orgId, (Object) circleIds.toArray(new Long[0]))).map(rows -> {
      Map<Long, String> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getLong("id"), r.getString("name")));
      return out;
    });
  }
}
