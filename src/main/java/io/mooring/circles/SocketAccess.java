package io.mooring.circles;

import io.mooring.relations.CircleHistory;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** SQL for what open sockets may still receive: one row per socket, in one query for a whole batch. */
final class SocketAccess {
  /** The session ended (signed out, revoked, expired) or the account was disabled: sign in again. */
  static final short SESSION_ENDED = 4401;
  /** Signed in, but no longer a member of the circle, or no longer a peer (circles are peer-only). */
  static final short NO_ACCESS = 4403;

  /**
   * The same rules as SessionRepository.current plus what a circle requires: the peer role, the
   * circle's organization, current membership of a circle that is not archived. Muted members still read.
   * Also how much of the circle's history the member may read, re-read at every check.
   */
  private static final String CHECK = """
      select k.i,
             case when s.id is null or s.revoked_at is not null or s.expires_at <= now() or u.id is null or not u.active then 4401
                  when not ('peer' = any(u.roles)) or c.id is null or m.user_id is null then 4403
                  else 0 end as code,
             s.expires_at, coalesce(%s, 0) as hidden_through
        from unnest($1::uuid[], $2::bigint[], $3::bigint[]) with ordinality as k(sid, cid, uid, i)
        left join sessions s on s.id = k.sid and s.user_id = k.uid
        left join users u on u.id = k.uid
        left join circles c on c.id = k.cid and c.org_id = u.org_id and c.archived_at is null
        left join circle_members m on m.circle_id = k.cid and m.user_id = k.uid""".formatted(CircleHistory.hiddenThrough("m", "c"));
  /** Where each circle stands now: how far a node re-reads after its LISTEN connection came back. */
  private static final String POSITIONS = "select circle_id, last_seq, last_change from circle_counters where circle_id = any($1)";

  private SocketAccess() {}

  /**
   * {@code code} 0: still entitled, until {@code sessionEnds}, to the messages after {@code hiddenThrough}
   * (relations.CircleHistory); else the close code.
   */
  record Verdict(short code, OffsetDateTime sessionEnds, long hiddenThrough) {}

  record Position(long circleId, long seq, long change) {}

  /** One verdict per socket, in the order given. */
  static Future<Verdict[]> check(SqlClient db, List<LiveSocket> sockets) {
    UUID[] sessions = new UUID[sockets.size()];
    Long[] circles = new Long[sockets.size()];
    Long[] users = new Long[sockets.size()];
    for (int i = 0; i < sockets.size(); i++) {
      sessions[i] = sockets.get(i).sessionUuid();
      circles[i] = sockets.get(i).circleId();
      users[i] = sockets.get(i).userId();
    }
    return db.preparedQuery(CHECK).execute(Tuple.of(sessions, circles, users)).map(rows -> {
      Verdict[] out = new Verdict[sockets.size()];
      for (Row r : rows) {
        out[(int) (r.getLong(0) - 1)] = new Verdict(r.getInteger(1).shortValue(), r.getOffsetDateTime(2), r.getLong(3));
      }
      return out;
    });
  }

  static Future<List<Position>> positions(SqlClient db, Long[] circleIds) {
    return db.preparedQuery(POSITIONS).execute(Tuple.of(circleIds))
        .map(rows -> CircleRepository.all(rows, r -> new Position(r.getLong(0), r.getLong(1), r.getLong(2))));
  }
}
