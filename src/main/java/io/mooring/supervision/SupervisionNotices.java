package io.mooring.supervision;

import io.mooring.platform.notify.NotificationKind;
import io.mooring.platform.notify.Notice;
import io.mooring.platform.notify.Notifications;
import io.mooring.supervision.Supervision.Session;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What supervision tells people, written in the transaction of the event: a session moved or
 * cancelled, a record ready to acknowledge, a record acknowledged. Titles name dates and people,
 * never record content; e-mails carry only the kind's fixed text (see NotificationKind).
 */
final class SupervisionNotices {
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
  private static final String PAIR = """
      select p.supervisor_id, p.supervisee_id, o.time_zone, sup.display_name as supervisor_name, peer.display_name as supervisee_name
        from supervision_pairings p join organizations o on o.id = p.org_id
        join users sup on sup.id = p.supervisor_id join users peer on peer.id = p.supervisee_id
       where p.id = $1""";

  private final Notifications notices;

  SupervisionNotices(Notifications notices) {
    this.notices = notices;
  }

  private record Pair(long supervisorId, long superviseeId, ZoneId zone, String supervisorName, String superviseeName) {
    List<Long> both(long except) {
      List<Long> out = new ArrayList<>(2);
      if (supervisorId != except) {
        out.add(supervisorId);
      }
      if (superviseeId != except) {
        out.add(superviseeId);
      }
      return out;
    }

    String when(OffsetDateTime t) {
      return WHEN.format(t.atZoneSameInstant(zone));
    }
  }

  private static Future<Pair> pair(SqlClient tx, long pairingId) {
    return tx.preparedQuery(PAIR).execute(Tuple.of(pairingId)).map(rows -> {
      Row r = rows.iterator().next();
      return new Pair(r.getLong("supervisor_id"), r.getLong("supervisee_id"), ZoneId.of(r.getString("time_zone")),
          r.getString("supervisor_name"), r.getString("supervisee_name"));
    });
  }

  /** Moved (a new start) or cancelled: told to the pair, except whoever made the change. */
  Future<Void> sessionChanged(SqlClient tx, long actorId, Session before, Session after) {
    boolean cancelled = after.status().equals("cancelled") && !before.status().equals("cancelled");
    boolean moved = !after.startsAt().toInstant().equals(before.startsAt().toInstant()) && after.status().equals("scheduled");
    if (!cancelled && !moved) {
      return Future.succeededFuture();
    }
    return pair(tx, after.pairingId()).compose(p -> {
      String title = cancelled ? "The supervision session of " + p.when(before.startsAt()) + " was cancelled"
          : "The supervision session of " + p.when(before.startsAt()) + " moved to " + p.when(after.startsAt());
      String key = cancelled ? "session_cancelled:" + after.id()
          : "session_moved:" + after.id() + ":" + after.startsAt().toInstant().getEpochSecond();
      return notices.enqueue(tx, new Notice(after.orgId(), p.both(actorId), NotificationKind.SESSION_CHANGED, key, title,
          "/supervision/sessions/" + after.id()));
    }).mapEmpty();
  }

  /** The supervisor signed: the supervisee is asked to read and acknowledge. */
  Future<Void> recordReady(SqlClient tx, long orgId, Session session) {
    return pair(tx, session.pairingId()).compose(p -> notices.enqueue(tx, Notice.to(orgId, p.superviseeId(),
        NotificationKind.RECORD_READY, "record_ready:" + session.id(),
        p.supervisorName() + " signed the record of your session of " + p.when(session.startsAt()) + ": please read and acknowledge it",
        "/supervision/sessions/" + session.id()))).mapEmpty();
  }

  /** The supervisee acknowledged: the supervisor is told. */
  Future<Void> recordAcknowledged(SqlClient tx, long orgId, Session session) {
    return pair(tx, session.pairingId()).compose(p -> notices.enqueue(tx, Notice.to(orgId, p.supervisorId(),
        NotificationKind.RECORD_ACKNOWLEDGED, "record_acknowledged:" + session.id(),
        p.superviseeName() + " acknowledged the record of the session of " + p.when(session.startsAt()),
        "/supervision/sessions/" + session.id()))).mapEmpty();
  }
}
