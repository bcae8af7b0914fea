package io.mooring.supervision;

import io.mooring.platform.notify.NotificationKind;
import io.mooring.platform.notify.Notice;
import io.mooring.platform.notify.Notifications;
import io.mooring.relations.Entitlement;
import io.mooring.supervision.Supervision.Session;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * What supervision tells people, written in the transaction of the event: a session moved or
 * cancelled, a record ready to acknowledge, a record acknowledged. Titles name dates and people,
 * never record content; e-mails carry only the kind's fixed text (see NotificationKind).
 */
final class SupervisionNotices {
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
  private static final String PAIR = "select org_id, supervisor_id, supervisee_id from supervision_pairings where id = $1";

  /** The pairing's page (its supervisor's and administrators'): overdue notices, which only the supervisor gets. */
  static final String PAIRING_LINK = "/supervision/pairings/";
  /**
   * A series occurrence's reminder goes to both of the pair, and the supervisee may not open the pairing's page: it
   * points at the supervision home, naming the pairing in the fragment (the browser ignores it) for the check.
   */
  static final String SERIES_LINK = "/supervision#pairing-";
  static final String SESSION_LINK = "/supervision/sessions/";

  private final Notifications notices;

  /**
   * Registers, per kind, what must still hold whenever the notice is shown or mailed: the recipient still
   * plays a part in the pairing as {@link PairingRole#of} decides it (the supervisor while the pairing is
   * active and {@link Entitlement} counts them its supervisor; the supervisee, who keeps their own records
   * after it ended). Session reminders and changes, and overdue notices, need an active pairing; see
   * {@link PairingNoticeCheck}.
   */
  SupervisionNotices(Notifications notices, Pool pool) {
    this.notices = notices;
    Entitlement entitlement = new Entitlement(pool);
    notices.checkBeforeSending(NotificationKind.RECORD_READY, new PairingNoticeCheck(pool, entitlement, true, false));
    notices.checkBeforeSending(NotificationKind.RECORD_ACKNOWLEDGED, new PairingNoticeCheck(pool, entitlement, true, false));
    notices.checkBeforeSending(NotificationKind.SESSION_CHANGED, new PairingNoticeCheck(pool, entitlement, false, false));
    notices.checkBeforeSending(NotificationKind.SESSION_REMINDER, new PairingNoticeCheck(pool, entitlement, false, false));
    notices.checkBeforeSending(NotificationKind.SUPERVISION_OVERDUE, new PairingNoticeCheck(pool, entitlement, false, true));
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

  /** The pair's ids from supervision's own table; names and the organization's zone from the directory. */
  private Future<Pair> pair(SqlClient tx, long pairingId) {
    return tx.preparedQuery(PAIR).execute(Tuple.of(pairingId)).compose(rows -> {
      Row r = rows.iterator().next();
      long org = r.getLong("org_id");
      long sup = r.getLong("supervisor_id");
      long peer = r.getLong("supervisee_id");
      return Future.all(notices.directory().timeZone(org), notices.directory().displayNames(org, List.of(sup, peer))).map(all -> {
        Map<Long, String> names = all.resultAt(1);
        return new Pair(sup, peer, all.resultAt(0), names.getOrDefault(sup, "Your supervisor"), names.getOrDefault(peer, "Your supervisee"));
      });
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
