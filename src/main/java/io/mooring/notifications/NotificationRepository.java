package io.mooring.notifications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for a person's own notifications and preferences; every statement is keyed by the recipient. */
final class NotificationRepository {
  private static final String PAGE = """
      select id, kind, title, link, created_at, read_at from notifications
       where recipient_id = $1 and id < $2 order by id desc limit $3""";
  private static final String UNREAD = """
      select id, kind, title, link, created_at, read_at from notifications
       where recipient_id = $1 and read_at is null order by id desc limit $2""";
  private static final String READ_ONE = """
      update notifications set read_at = coalesce(read_at, now()) where recipient_id = $1 and id = $2
      returning id, kind, title, link, created_at, read_at""";
  private static final String WITHDRAW = "update notifications set read_at = now() where recipient_id = $1 and id = any($2) and read_at is null";
  private static final String READ_ALL = "update notifications set read_at = now() where recipient_id = $1 and read_at is null";
  private static final String PREFERENCES = "select kind, channel from notification_preferences where user_id = $1";
  private static final String SET_PREFERENCE = """
      insert into notification_preferences (user_id, kind, channel) values ($1, $2, $3)
      on conflict (user_id, kind) do update set channel = excluded.channel""";

  private NotificationRepository() {}

  /** Newest first, older than {@code beforeId}. */
  static Future<List<Notification>> page(SqlClient db, long userId, long beforeId, int limit) {
    return db.preparedQuery(PAGE).execute(Tuple.of(userId, beforeId, limit)).map(rows -> {
      List<Notification> out = new ArrayList<>();
      rows.forEach(r -> out.add(Notification.map(r)));
      return out;
    });
  }

  /** The newest {@code limit} unread ones, for counting those the reader may still see. */
  static Future<List<Notification>> unread(SqlClient db, long userId, int limit) {
    return db.preparedQuery(UNREAD).execute(Tuple.of(userId, limit)).map(rows -> {
      List<Notification> out = new ArrayList<>();
      rows.forEach(r -> out.add(Notification.map(r)));
      return out;
    });
  }

  static Future<Optional<Notification>> markRead(SqlClient db, long userId, long id) {
    return db.preparedQuery(READ_ONE).execute(Tuple.of(userId, id)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(Notification.map(it.next())) : Optional.empty();
    });
  }

  /** Marks these read at once (those the reader may no longer see). */
  static Future<Void> markRead(SqlClient db, long userId, List<Long> ids) {
    return ids.isEmpty() ? Future.succeededFuture()
        : db.preparedQuery(WITHDRAW).execute(Tuple.tuple().addLong(userId).addArrayOfLong(ids.toArray(new Long[0]))).mapEmpty();
  }

  static Future<Integer> markAllRead(SqlClient db, long userId) {
    return db.preparedQuery(READ_ALL).execute(Tuple.of(userId)).map(rows -> rows.rowCount());
  }

  static Future<Map<String, String>> preferences(SqlClient db, long userId) {
    return db.preparedQuery(PREFERENCES).execute(Tuple.of(userId)).map(rows -> {
      Map<String, String> out = new HashMap<>();
      for (Row r : rows) {
        out.put(r.getString("kind"), r.getString("channel"));
      }
      return out;
    });
  }

  static Future<Void> setPreferences(SqlClient db, long userId, Map<String, String> channels) {
    List<Tuple> batch = new ArrayList<>();
    channels.forEach((kind, channel) -> batch.add(Tuple.of(userId, kind, channel)));
    return batch.isEmpty() ? Future.succeededFuture() : db.preparedQuery(SET_PREFERENCE).executeBatch(batch).mapEmpty();
  }
}
