package io.mooring.circles;

import io.mooring.platform.http.DateTimes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Optional;

/** SQL for the facilitators' moderation queue: open reports, their resolution, timed mutes. */
final class ModerationRepository {
  /** Open reports with the reported message (facilitators only); never who reported it. */
  private static final String OPEN = """
      select r.id, r.message_id, r.reason, r.created_at, m.seq, m.author_id, u.display_name as author_name,
             m.body, m.deleted_at is not null as deleted
        from circle_reports r join circle_messages m on m.id = r.message_id join users u on u.id = m.author_id
       where r.circle_id = $1 and r.resolved_at is null order by r.id desc limit 200""";
  private static final String ONE_OPEN = """
      select r.message_id, m.author_id, m.deleted_at is not null as deleted from circle_reports r join circle_messages m on m.id = r.message_id
       where r.id = $2 and r.circle_id = $1 and r.resolved_at is null for update of r""";
  /** One decision settles every open report about the same message. */
  private static final String RESOLVE = """
      update circle_reports set resolved_at = now(), resolved_by = $3, resolution = $4
       where circle_id = $1 and message_id = $2 and resolved_at is null""";
  private static final String MUTE_UNTIL = """
      update circle_members set muted_until = $3 where circle_id = $1 and user_id = $2""";

  private ModerationRepository() {}

  record OpenReport(long messageId, long authorId, boolean deleted) {}

  static Future<JsonArray> open(SqlClient db, long circleId) {
    return db.preparedQuery(OPEN).execute(Tuple.of(circleId)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        boolean deleted = r.getBoolean("deleted");
        out.add(new JsonObject().put("id", r.getLong("id")).put("messageId", r.getLong("message_id")).put("seq", r.getLong("seq"))
            .put("reason", r.getString("reason")).put("at", DateTimes.text(r.getOffsetDateTime("created_at")))
            .put("author", new JsonObject().put("id", r.getLong("author_id")).put("displayName", r.getString("author_name")))
            .put("body", deleted ? null : r.getString("body")).put("deleted", deleted));
      }
      return out;
    });
  }

  static Future<Optional<OpenReport>> lockOpen(SqlClient db, long circleId, long reportId) {
    return db.preparedQuery(ONE_OPEN).execute(Tuple.of(circleId, reportId)).map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(new OpenReport(rows.iterator().next().getLong(0), rows.iterator().next().getLong(1), rows.iterator().next().getBoolean(2))));
  }

  static Future<Void> resolve(SqlClient db, long circleId, long messageId, long by, String resolution) {
    return db.preparedQuery(RESOLVE).execute(Tuple.of(circleId, messageId, by, resolution)).mapEmpty();
  }

  static Future<Boolean> muteUntil(SqlClient db, long circleId, long userId, OffsetDateTime until) {
    return db.preparedQuery(MUTE_UNTIL).execute(Tuple.of(circleId, userId, until)).map(rows -> rows.rowCount() == 1);
  }
}
