package io.mooring.people;

import io.mooring.platform.auth.Role;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL for organizations, people and teams. Every query is scoped by organization. */
final class PeopleRepository {
  private static final String PERSON_COLS = "id, org_id, email::text as email, display_name, roles, active";
  private static final String FIND = "select " + PERSON_COLS + " from users where org_id = $1 and id = $2";
  private static final String LIST = "select " + PERSON_COLS + " from users where org_id = $1 order by display_name, id";
  private static final String FIND_MANY = "select " + PERSON_COLS + " from users where org_id = $1 and id = any($2) order by display_name, id";
  private static final String CREDENTIALS = "select id, org_id, password_hash, active from users where email = $1";
  private static final String INSERT = """
      insert into users (org_id, email, display_name, password_hash, roles) values ($1, $2, $3, $4, $5)
      returning """ + " " + PERSON_COLS;
  private static final String UPDATE = """
      update users set display_name = $3, roles = $4, active = $5 where org_id = $1 and id = $2
      returning """ + " " + PERSON_COLS;
  private static final String SET_PASSWORD = "update users set password_hash = $2 where id = $1";
  private static final String PASSWORD_HASH = "select password_hash from users where id = $1";
  private static final String ORG = "select id, name, time_zone from organizations where id = $1";
  private static final String INSERT_ORG = "insert into organizations (name, time_zone) values ($1, $2) returning id, name, time_zone";
  private static final String UPDATE_ORG = "update organizations set name = $2, time_zone = $3 where id = $1 returning id, name, time_zone";
  private static final String TEAMS = """
      select t.id, t.org_id, t.name, coalesce(array_agg(m.user_id order by m.user_id) filter (where m.user_id is not null), '{}') as members
        from teams t left join team_members m on m.team_id = t.id
       where t.org_id = $1 group by t.id order by t.name""";
  private static final String TEAM = """
      select t.id, t.org_id, t.name, coalesce(array_agg(m.user_id order by m.user_id) filter (where m.user_id is not null), '{}') as members
        from teams t left join team_members m on m.team_id = t.id
       where t.org_id = $1 and t.id = $2 group by t.id""";
  private static final String INSERT_TEAM = "insert into teams (org_id, name) values ($1, $2) returning id, org_id, name, '{}'::bigint[] as members";
  private static final String ADD_MEMBER = "insert into team_members (team_id, user_id) values ($1, $2) on conflict do nothing";
  private static final String REMOVE_MEMBER = "delete from team_members where team_id = $1 and user_id = $2";
  private static final String TEAM_IDS_OF = "select team_id from team_members where user_id = $1";
  private static final String TEAMMATES = """
      select distinct b.user_id from team_members a join team_members b on a.team_id = b.team_id
       where a.user_id = $1 and b.user_id <> $1""";
  private static final String RECORD_ATTEMPT = "insert into login_attempts (email, address, success) values ($1, $2, $3)";

  private PeopleRepository() {}

  record Credentials(long userId, long orgId, String passwordHash, boolean active) {}

  static Future<Optional<Person>> find(SqlClient db, long orgId, long id) {
    return db.preparedQuery(FIND).execute(Tuple.of(orgId, id)).map(PeopleRepository::first);
  }

  static Future<List<Person>> list(SqlClient db, long orgId) {
    return db.preparedQuery(LIST).execute(Tuple.of(orgId)).map(PeopleRepository::all);
  }

  static Future<List<Person>> findMany(SqlClient db, long orgId, List<Long> ids) {
    // Tuple.tuple() rather than Tuple.of: a lone array argument to Tuple.of(Object...) is spread into separate values.
    return db.preparedQuery(FIND_MANY).execute(Tuple.tuple().addLong(orgId).addArrayOfLong(ids.toArray(new Long[0])))
        .map(PeopleRepository::all);
  }

  static Future<Optional<Credentials>> credentials(SqlClient db, String email) {
    return db.preparedQuery(CREDENTIALS).execute(Tuple.of(email)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row r = rows.iterator().next();
      return Optional.of(new Credentials(r.getLong("id"), r.getLong("org_id"), r.getString("password_hash"), r.getBoolean("active")));
    });
  }

  static Future<Person> insert(SqlClient db, long orgId, String email, String name, String hash, List<String> roles) {
    return db.preparedQuery(INSERT).execute(Tuple.of(orgId, email, name, hash, roles.toArray(new String[0])))
        .map(rows -> map(rows.iterator().next()));
  }

  static Future<Optional<Person>> update(SqlClient db, long orgId, long id, String name, List<String> roles, boolean active) {
    return db.preparedQuery(UPDATE).execute(Tuple.of(orgId, id, name, roles.toArray(new String[0]), active)).map(PeopleRepository::first);
  }

  static Future<Void> setPassword(SqlClient db, long userId, String hash) {
    return db.preparedQuery(SET_PASSWORD).execute(Tuple.of(userId, hash)).mapEmpty();
  }

  static Future<String> passwordHash(SqlClient db, long userId) {
    return db.preparedQuery(PASSWORD_HASH).execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }

  static Future<Optional<Organization>> organization(SqlClient db, long id) {
    return db.preparedQuery(ORG).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapOrg(rows.iterator().next())));
  }

  static Future<Organization> insertOrganization(SqlClient db, String name, String zone) {
    return db.preparedQuery(INSERT_ORG).execute(Tuple.of(name, zone)).map(rows -> mapOrg(rows.iterator().next()));
  }

  static Future<Organization> updateOrganization(SqlClient db, long id, String name, String zone) {
    return db.preparedQuery(UPDATE_ORG).execute(Tuple.of(id, name, zone)).map(rows -> mapOrg(rows.iterator().next()));
  }

  static Future<List<Team>> teams(SqlClient db, long orgId) {
    return db.preparedQuery(TEAMS).execute(Tuple.of(orgId)).map(rows -> {
      List<Team> out = new ArrayList<>();
      rows.forEach(r -> out.add(mapTeam(r)));
      return out;
    });
  }

  static Future<Optional<Team>> team(SqlClient db, long orgId, long teamId) {
    return db.preparedQuery(TEAM).execute(Tuple.of(orgId, teamId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(mapTeam(rows.iterator().next())));
  }

  static Future<Team> insertTeam(SqlClient db, long orgId, String name) {
    return db.preparedQuery(INSERT_TEAM).execute(Tuple.of(orgId, name)).map(rows -> mapTeam(rows.iterator().next()));
  }

  static Future<Boolean> addMember(SqlClient db, long teamId, long userId) {
    return db.preparedQuery(ADD_MEMBER).execute(Tuple.of(teamId, userId)).map(rows -> rows.rowCount() > 0);
  }

  static Future<Boolean> removeMember(SqlClient db, long teamId, long userId) {
    return db.preparedQuery(REMOVE_MEMBER).execute(Tuple.of(teamId, userId)).map(rows -> rows.rowCount() > 0);
  }

  static Future<List<Long>> teamIdsOf(SqlClient db, long userId) {
    return db.preparedQuery(TEAM_IDS_OF).execute(Tuple.of(userId)).map(PeopleRepository::longs);
  }

  static Future<List<Long>> teammatesOf(SqlClient db, long userId) {
    return db.preparedQuery(TEAMMATES).execute(Tuple.of(userId)).map(PeopleRepository::longs);
  }

  static Future<Void> recordAttempt(SqlClient db, String email, String address, boolean success) {
    return db.preparedQuery(RECORD_ATTEMPT).execute(Tuple.of(email, address, success)).mapEmpty();
  }

  private static List<Long> longs(RowSet<Row> rows) {
    List<Long> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.getLong(0)));
    return out;
  }

  private static Optional<Person> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next()));
  }

  private static List<Person> all(RowSet<Row> rows) {
    List<Person> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(map(r)));
    return out;
  }

  static Person map(Row r) {
    return new Person(
        r.getLong("id"),
        r.getLong("org_id"),
        r.getString("email"),
        r.getString("display_name"),
        Role.setOf(r.getArrayOfStrings("roles")),
        r.getBoolean("active"));
  }

  private static Organization mapOrg(Row r) {
    return new Organization(r.getLong("id"), r.getString("name"), ZoneId.of(r.getString("time_zone")));
  }

  private static Team mapTeam(Row r) {
    return new Team(r.getLong("id"), r.getLong("org_id"), r.getString("name"), Arrays.asList(r.getArrayOfLongs("members")));
  }
}
