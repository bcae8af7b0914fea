package io.mooring.platform.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** SQL for the e-mail outbox (notification_mail); the states are described in sql/V15__notifications.sql. */
final class MailOutbox {
  /** skip locked: two nodes claiming at once take disjoint rows; the lease marks a row as taken after commit. */
  private static final String CLAIM = """
      with due as (
        select notification_id from notification_mail
         where status = 'pending' and next_attempt_at <= now()
         order by next_attempt_at limit $1 for update skip locked)
      update notification_mail m set status = 'sending', attempts = m.attempts + 1,
             lease_until = now() + make_interval(secs => $2), leased_by = $3
        from due where m.notification_id = due.notification_id
      returning m.notification_id, m.attempts""";
  /** Who gets each claimed mail now: still active, still in the organization, still wanting e-mail of this kind (the rest of the rule: Notifications.stillEntitled). */
  private static final String DELIVERIES = """
      select n.id, n.kind, n.link, n.recipient_id, u.email, u.display_name, u.roles, p.channel
        from notifications n
        join users u on u.id = n.recipient_id and u.org_id = n.org_id and u.active
        left join notification_preferences p on p.user_id = u.id and p.kind = n.kind
       where n.id = any($1)""";
  private static final String IN_DOUBT = """
      update notification_mail set status = 'in_doubt', lease_until = null
       where status = 'sending' and lease_until < now()""";
  private static final String SENT = """
      update notification_mail set status = 'sent', sent_at = now(), lease_until = null, last_error = null
       where notification_id = $1 and status = 'sending' and leased_by = $2""";
  private static final String RETRY = """
      update notification_mail set status = case when attempts >= $4 then 'failed' else 'pending' end,
             next_attempt_at = now() + make_interval(secs => $3), lease_until = null, last_error = left($5, 500)
       where notification_id = $1 and status = 'sending' and leased_by = $2""";
  private static final String RELEASE = """
      update notification_mail set status = 'pending', attempts = attempts - 1, lease_until = null
       where notification_id = any($1) and status = 'sending' and leased_by = $2""";
  private static final String DROPPED = """
      update notification_mail set status = 'dropped', lease_until = null, last_error = $3
       where notification_id = any($1) and status = 'sending' and leased_by = $2""";

  record Delivery(long id, NotificationKind kind, String link, long recipientId, String email, String displayName, List<String> roles) {}

  private MailOutbox() {}

  static Future<Integer> markInDoubt(SqlClient db) {
    return db.query(IN_DOUBT).execute().map(rows -> rows.rowCount());
  }

  /** Claimed mail ids with the attempt each is now on. */
  static Future<java.util.Map<Long, Integer>> claim(SqlClient db, int batch, int leaseSeconds, String node) {
    return db.preparedQuery(CLAIM).execute(Tuple.of(batch, leaseSeconds, node)).map(rows -> {
      java.util.Map<Long, Integer> claimed = new java.util.LinkedHashMap<>();
      rows.forEach(r -> claimed.put(r.getLong(0), r.getInteger(1)));
      return claimed;
    });
  }

  /** The claimed mails whose recipient is active, in the organization and wants them by e-mail; the rest are left out (see {@link #dropped}). */
  static Future<List<Delivery>> deliveries(SqlClient db, java.util.Collection<Long> ids) {
    return db.preparedQuery(DELIVERIES).execute(Tuple.of(ids.toArray(new Long[0]))).map(rows -> {
      List<Delivery> out = new ArrayList<>();
      for (Row r : rows) {
        NotificationKind kind = NotificationKind.byCode(r.getString("kind")).orElse(null);
        if (kind != null && wantsEmail(kind, r)) {
          out.add(new Delivery(r.getLong("id"), kind, r.getString("link"), r.getLong("recipient_id"), r.getString("email"),
              r.getString("display_name"), List.of(r.getArrayOfStrings("roles"))));
        }
      }
      return out;
    });
  }

  private static boolean wantsEmail(NotificationKind kind, Row r) {
    String channel = r.getString("channel") == null ? kind.defaultChannel().code() : r.getString("channel");
    return channel.equals(NotificationKind.Channel.EMAIL.code());
  }

  static Future<Void> sent(SqlClient db, long id, String node) {
    return db.preparedQuery(SENT).execute(Tuple.of(id, node)).mapEmpty();
  }

  static Future<Void> retry(SqlClient db, long id, String node, long delaySeconds, int maxAttempts, String error) {
    return db.preparedQuery(RETRY).execute(Tuple.of(id, node, delaySeconds, maxAttempts, error == null ? "" : error)).mapEmpty();
  }

  /** Claimed but certainly not sent (the recipients could not be read): back to pending, the attempt not counted. */
  static Future<Void> release(SqlClient db, java.util.Collection<Long> ids, String node) {
    return db.preparedQuery(RELEASE).execute(Tuple.of(ids.toArray(new Long[0]), node)).mapEmpty();
  }

  static Future<Void> dropped(SqlClient db, List<Long> ids, String node, String why) {
    return ids.isEmpty() ? Future.succeededFuture()
        : db.preparedQuery(DROPPED).execute(Tuple.of(ids.toArray(new Long[0]), node, why)).mapEmpty();
  }
}
