package io.mooring.circles;

import io.mooring.platform.auth.SessionCache;
import io.mooring.relations.CircleHistory;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for circles, membership, invitations/requests and crisis resources. */
final class CircleRepository {
  private static final String VIEW = """
      select c.id, c.org_id, c.name, c.purpose, c.ground_rules, c.join_policy, c.retention_days, k.last_seq, k.last_change, o.time_zone,
             c.new_members_see_history,
             c.meeting_cadence, c.meeting_rrule, c.meeting_first_start, c.meeting_minutes, c.meeting_where,
             m.role as my_role, m.last_read_seq as my_last_read, r.kind as my_request,
             w.unread, w.window_full as unread_more,
             (select count(*) from circle_mentions mm where m.user_id is not null and mm.user_id = $2 and mm.circle_id = c.id
                 and mm.seq > m.last_read_seq and %2$s) as mentions
        from circles c
        join circle_counters k on k.circle_id = c.id
        join organizations o on o.id = c.org_id
        left join circle_members m on m.circle_id = c.id and m.user_id = $2
        left join circle_requests r on r.circle_id = c.id and r.user_id = $2
        -- Unread: others' messages among the next UNREAD_WINDOW after my marker, so the cost never grows
        -- with a long backlog (a full window reads as "100+"). Only for members, only what they may read.
        left join lateral (select count(*) filter (where x.deleted_at is null and x.author_id <> $2) as unread,
                                  count(*) = %1$d as window_full
                             from (select deleted_at, author_id from circle_messages
                                    where circle_id = c.id and seq > m.last_read_seq and %3$s
                                    order by seq limit %1$d) x) w on m.user_id is not null
       where c.archived_at is null and c.org_id = $3""".formatted(Circle.UNREAD_WINDOW, CircleHistory.readable("mm", "m", "c"),
      CircleHistory.readable("circle_messages", "m", "c"));
  private static final String ONE = VIEW + " and c.id = $1";
  private static final String LIST = VIEW + "\n" + """
       and $1::bigint is null and (m.user_id is not null or c.join_policy in ('open', 'request') or r.kind = 'invite')
       order by c.name, c.id""";
  private static final String INSERT = """
      insert into circles (org_id, name, purpose, ground_rules, join_policy, retention_days, created_by,
                           meeting_cadence, meeting_rrule, meeting_first_start, meeting_minutes, meeting_where, new_members_see_history)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, coalesce($13, true)) returning id""";
  /** A history setting left out keeps the circle's own (a client that does not know it cannot open history by accident). */
  private static final String UPDATE = """
      update circles set name = $2, purpose = $3, ground_rules = $4, join_policy = $5, retention_days = $6, meeting_cadence = $7,
             meeting_rrule = $8, meeting_first_start = $9, meeting_minutes = $10, meeting_where = $11,
             new_members_see_history = coalesce($12, new_members_see_history)
       where id = $1""";
  /**
   * What each member may read changed: every node re-checks its sockets of these people (SocketGuard
   * hears SessionCache.CHANNEL), which re-reads how much history each may read before another frame goes out.
   */
  private static final String RECHECK_MEMBERS =
      "select pg_notify('" + SessionCache.CHANNEL + "', user_id::text) from circle_members where circle_id = $1";
  private static final String ADD_MEMBER = """
      insert into circle_members (circle_id, user_id, role, accepted_at) values ($1, $2, $3, now())
      on conflict (circle_id, user_id) do nothing""";
  private static final String REMOVE_MEMBER = "delete from circle_members where circle_id = $1 and user_id = $2";
  private static final String SET_MEMBER = """
      update circle_members set muted = coalesce($3, muted), role = coalesce($4, role),
             muted_until = case when $3 = false then null else muted_until end
       where circle_id = $1 and user_id = $2""";
  private static final String MEMBERS = """
      select m.user_id, u.display_name, m.role, m.muted or coalesce(m.muted_until > now(), false) as muted, m.muted_until, m.joined_at
        from circle_members m join users u on u.id = m.user_id where m.circle_id = $1 order by u.display_name, u.id""";
  /**
   * The circle's facilitators, locked in one order: two changes that could each take away a facilitator (stepping
   * down, leaving, removal) wait for each other and the second sees what the first left. NO KEY UPDATE is what the
   * role update takes anyway and does not stop rows referring to the member.
   */
  private static final String LOCK_FACILITATORS = """
      select user_id from circle_members where circle_id = $1 and role = 'facilitator' order by user_id for no key update""";
  private static final String OTHER_MEMBERS = "select exists(select 1 from circle_members where circle_id = $1 and user_id <> $2)";
  private static final String UPSERT_REQUEST = """
      insert into circle_requests (circle_id, user_id, kind, created_by) values ($1, $2, $3, $4)
      on conflict (circle_id, user_id) do update set kind = excluded.kind, created_by = excluded.created_by, created_at = now()""";
  private static final String DELETE_REQUEST = "delete from circle_requests where circle_id = $1 and user_id = $2 returning kind";
  private static final String REQUESTS = """
      select r.user_id, u.display_name, r.kind, r.created_at from circle_requests r join users u on u.id = r.user_id
       where r.circle_id = $1 order by r.created_at""";
  private static final String CRISIS = "select body from circle_crisis_resources where org_id = $1";
  private static final String SET_CRISIS = """
      insert into circle_crisis_resources (org_id, body, updated_by) values ($1, $2, $3)
      on conflict (org_id) do update set body = excluded.body, updated_by = excluded.updated_by, updated_at = now()""";
  private static final String PEER_IN_ORG = """
      select exists(select 1 from users where id = $1 and org_id = $2 and active and 'peer' = any(roles))""";
  private static final String RETENTION = """
      delete from circle_messages m using circles c
       where m.circle_id = c.id and c.retention_days is not null and m.created_at < now() - make_interval(days => c.retention_days)""";

  private CircleRepository() {}

  record Request(long userId, String displayName, String kind) {}

  static Future<Optional<Circle>> find(SqlClient db, long orgId, long circleId, long viewerId) {
    return db.preparedQuery(ONE).execute(Tuple.of(circleId, viewerId, orgId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Circle.map(rows.iterator().next())));
  }

  static Future<List<Circle>> visibleTo(SqlClient db, long orgId, long viewerId) {
    return db.preparedQuery(LIST).execute(Tuple.of(null, viewerId, orgId)).map(rows -> all(rows, Circle::map));
  }

  static Future<Long> insert(SqlClient db, long orgId, Circle.Settings s, long creatorId) {
    Tuple t = Tuple.of(orgId, s.name(), s.purpose(), s.groundRules(), s.joinPolicy(), s.retentionDays(), creatorId);
    return db.preparedQuery(INSERT).execute(meeting(t, s.meeting()).addValue(s.newMembersSeeHistory()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  static Future<Void> update(SqlClient db, long circleId, Circle.Settings s) {
    Tuple t = Tuple.of(circleId, s.name(), s.purpose(), s.groundRules(), s.joinPolicy(), s.retentionDays());
    return db.preparedQuery(UPDATE).execute(meeting(t, s.meeting()).addValue(s.newMembersSeeHistory())).mapEmpty();
  }

  static Future<Void> recheckMembers(SqlClient db, long circleId) {
    return db.preparedQuery(RECHECK_MEMBERS).execute(Tuple.of(circleId)).mapEmpty();
  }

  private static Tuple meeting(Tuple t, Meeting m) {
    return m == null ? t.addValue(null).addValue(null).addValue(null).addValue(null).addValue(null)
        : t.addString(m.cadence()).addString(m.rrule()).addLocalDateTime(m.firstStart()).addInteger(m.durationMinutes()).addString(m.where());
  }

  static Future<Boolean> addMember(SqlClient db, long circleId, long userId, String role) {
    return db.preparedQuery(ADD_MEMBER).execute(Tuple.of(circleId, userId, role)).map(rows -> rows.rowCount() == 1);
  }

  static Future<Boolean> removeMember(SqlClient db, long circleId, long userId) {
    return db.preparedQuery(REMOVE_MEMBER).execute(Tuple.of(circleId, userId)).map(rows -> rows.rowCount() == 1);
  }

  static Future<Boolean> changeMember(SqlClient db, long circleId, long userId, Boolean muted, String role) {
    return db.preparedQuery(SET_MEMBER).execute(Tuple.of(circleId, userId, muted, role)).map(rows -> rows.rowCount() == 1);
  }

  static Future<List<Member>> members(SqlClient db, long circleId) {
    return db.preparedQuery(MEMBERS).execute(Tuple.of(circleId)).map(rows -> all(rows, Member::map));
  }

  static Future<List<Long>> lockFacilitators(SqlClient db, long circleId) {
    return db.preparedQuery(LOCK_FACILITATORS).execute(Tuple.of(circleId)).map(rows -> all(rows, r -> r.getLong(0)));
  }

  static Future<Boolean> hasOtherMembers(SqlClient db, long circleId, long userId) {
    return db.preparedQuery(OTHER_MEMBERS).execute(Tuple.of(circleId, userId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  static Future<Void> putRequest(SqlClient db, long circleId, long userId, String kind, long by) {
    return db.preparedQuery(UPSERT_REQUEST).execute(Tuple.of(circleId, userId, kind, by)).mapEmpty();
  }

  static Future<Optional<String>> takeRequest(SqlClient db, long circleId, long userId) {
    return db.preparedQuery(DELETE_REQUEST).execute(Tuple.of(circleId, userId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  static Future<List<Request>> requests(SqlClient db, long circleId) {
    return db.preparedQuery(REQUESTS).execute(Tuple.of(circleId))
        .map(rows -> all(rows, r -> new Request(r.getLong(0), r.getString(1), r.getString(2))));
  }

  static Future<String> crisisResources(SqlClient db, long orgId) {
    return db.preparedQuery(CRISIS).execute(Tuple.of(orgId)).map(rows -> rows.size() == 0 ? "" : rows.iterator().next().getString(0));
  }

  static Future<Void> setCrisisResources(SqlClient db, long orgId, String body, long by) {
    return db.preparedQuery(SET_CRISIS).execute(Tuple.of(orgId, body, by)).mapEmpty();
  }

  static Future<Boolean> isPeerInOrg(SqlClient db, long userId, long orgId) {
    return db.preparedQuery(PEER_IN_ORG).execute(Tuple.of(userId, orgId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  static Future<Integer> applyRetention(SqlClient db) {
    return db.query(RETENTION).execute().map(RowSet::rowCount);
  }

  static <T> List<T> all(RowSet<Row> rows, java.util.function.Function<Row, T> f) {
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }
}
