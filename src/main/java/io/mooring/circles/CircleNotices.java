package io.mooring.circles;

import io.mooring.platform.notify.DeliveryCheck;
import io.mooring.platform.notify.NotificationKind;
import io.mooring.platform.notify.Notice;
import io.mooring.platform.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * What circles tell people, in the transaction of the change: added to or removed from a circle, and
 * (to its facilitators) that a message was reported. Never the message text or the reason.
 */
final class CircleNotices {
  private static final String CIRCLE = "select org_id, name from circles where id = $1";
  private static final String FACILITATORS = "select user_id from circle_members where circle_id = $1 and role = 'facilitator'";

  private static final String STILL_FACILITATOR = """
      select 1 from circle_members where circle_id = $1 and user_id = $2 and role = 'facilitator'""";

  private final Notifications notices;

  CircleNotices(Notifications notices, Pool pool) {
    this.notices = notices;
    notices.checkBeforeSending(NotificationKind.MESSAGE_REPORTED, (who, link) -> pool.preparedQuery(STILL_FACILITATOR)
        .execute(Tuple.of(DeliveryCheck.idAfter(link, "/circles/"), who)).map(rows -> rows.size() == 1));
  }

  Future<Void> added(SqlClient tx, long circleId, long userId, boolean invited) {
    return circle(tx, circleId).compose(c -> notices.enqueue(tx, Notice.to(c.getLong("org_id"), userId, NotificationKind.CIRCLE_ADDED,
        (invited ? "circle_invited:" : "circle_added:") + circleId + ":" + System.currentTimeMillis(),
        (invited ? "You were invited to join the circle " : "You were added to the circle ") + c.getString("name"),
        "/circles/" + circleId))).mapEmpty();
  }

  Future<Void> removed(SqlClient tx, long circleId, long userId) {
    return circle(tx, circleId).compose(c -> notices.enqueue(tx, Notice.to(c.getLong("org_id"), userId, NotificationKind.CIRCLE_REMOVED,
        "circle_removed:" + circleId + ":" + System.currentTimeMillis(), "You were removed from the circle " + c.getString("name"),
        "/circles"))).mapEmpty();
  }

  /** Each facilitator but the reporter hears once per message, however many people report it. */
  Future<Void> reported(SqlClient tx, long circleId, long messageId, long reporterId) {
    return Future.all(circle(tx, circleId), tx.preparedQuery(FACILITATORS).execute(Tuple.of(circleId))).compose(all -> {
      Row c = all.resultAt(0);
      List<Long> facilitators = new ArrayList<>();
      for (Row r : all.<io.vertx.sqlclient.RowSet<Row>>resultAt(1)) {
        if (r.getLong(0) != reporterId) {
          facilitators.add(r.getLong(0));
        }
      }
      return notices.enqueue(tx, new Notice(c.getLong("org_id"), facilitators, NotificationKind.MESSAGE_REPORTED,
          "message_reported:" + messageId, "A message in the circle " + c.getString("name") + " was reported", "/circles/" + circleId));
    }).mapEmpty();
  }

  private static Future<Row> circle(SqlClient tx, long circleId) {
    return tx.preparedQuery(CIRCLE).execute(Tuple.of(circleId)).map(rows -> rows.iterator().next());
  }
}
