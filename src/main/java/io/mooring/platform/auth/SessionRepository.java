package io.mooring.platform.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;

/** SQL for sign-in sessions: the row a token names, joined to its (still active) user. */
public final class SessionRepository {
  private static final String CURRENT = """
      select u.id, u.org_id, u.email::text as email, u.display_name, u.roles, s.id as sid, s.csrf_token, s.expires_at
        from sessions s join users u on u.id = s.user_id
       where s.id = $1 and s.revoked_at is null and s.expires_at > now() and u.active""";
  private static final String CREATE = """
      insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, $3, $4)""";
  private static final String REVOKE = "update sessions set revoked_at = now() where id = $1 and revoked_at is null";
  private static final String REVOKE_ALL = "update sessions set revoked_at = now() where user_id = $1 and revoked_at is null";
  private static final String REVOKE_OTHERS = "update sessions set revoked_at = now() where user_id = $1 and id <> $2 and revoked_at is null";

  private SessionRepository() {}

  public static Future<CurrentUser> current(SqlClient db, UUID sessionId) {
    return find(db, sessionId).map(found -> found == null ? null : found.user());
  }

  /** A valid session's person, and when the session itself ends. */
  record Found(CurrentUser user, OffsetDateTime expiresAt) {}

  static Future<Found> find(SqlClient db, UUID sessionId) {
    return db.preparedQuery(CURRENT).execute(Tuple.of(sessionId)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row r = rows.iterator().next();
      return new Found(map(r), r.getOffsetDateTime("expires_at"));
    });
  }

  public static Future<Void> create(SqlClient db, UUID id, long userId, String csrf, OffsetDateTime expires) {
    return db.preparedQuery(CREATE).execute(Tuple.of(id, userId, csrf, expires)).mapEmpty();
  }

  public static Future<Void> revoke(SqlClient db, UUID id) {
    return db.preparedQuery(REVOKE).execute(Tuple.of(id)).mapEmpty();
  }

  public static Future<Void> revokeAll(SqlClient db, long userId) {
    return db.preparedQuery(REVOKE_ALL).execute(Tuple.of(userId)).mapEmpty();
  }

  /** Every session of the person but {@code keep} (the one acting); each revoked row NOTIFYs session_changed (sql/V10). */
  public static Future<Void> revokeOthers(SqlClient db, long userId, UUID keep) {
    return db.preparedQuery(REVOKE_OTHERS).execute(Tuple.of(userId, keep)).mapEmpty();
  }

  static CurrentUser map(Row r) {
    return new CurrentUser(
        r.getLong("id"),
        r.getLong("org_id"),
        r.getString("email"),
        r.getString("display_name"),
        Role.setOf(r.getArrayOfStrings("roles")),
        r.getUUID("sid").toString(),
        r.getString("csrf_token"));
  }
}
