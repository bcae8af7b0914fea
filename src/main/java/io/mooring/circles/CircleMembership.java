package io.mooring.circles;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Who belongs to which circle, right now. Disclosure asks this for "members of a circle"
 * audiences; someone who left or was removed is no longer a member and loses what it granted.
 */
public final class CircleMembership {
  private static final String IS_MEMBER = "select exists(select 1 from circle_members where circle_id = $1 and user_id = $2)";
  private static final String CIRCLES_OF = "select circle_id from circle_members where user_id = $1 order by circle_id";
  private static final String MEMBERS_OF = "select user_id from circle_members where circle_id = $1 order by user_id";

  private final Pool pool;

  public CircleMembership(Pool pool) {
    this.pool = pool;
  }

  public Future<Boolean> isMember(long circleId, long userId) {
    return pool.preparedQuery(IS_MEMBER).execute(Tuple.of(circleId, userId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<List<Long>> circlesOf(long userId) {
    return pool.preparedQuery(CIRCLES_OF).execute(Tuple.of(userId)).map(CircleMembership::longs);
  }

  public Future<List<Long>> membersOf(long circleId) {
    return pool.preparedQuery(MEMBERS_OF).execute(Tuple.of(circleId)).map(CircleMembership::longs);
  }

  private static List<Long> longs(RowSet<Row> rows) {
    List<Long> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getLong(0)));
    return out;
  }
}
