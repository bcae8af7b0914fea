package io.mooring.checkins;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.notify.DeliveryCheck;
import io.mooring.platform.notify.NotificationKind;
import io.mooring.platform.notify.Notice;
import io.mooring.platform.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What check-ins tell people: supervisors learn that a check-in raised a drift flag (never its kinds,
 * answers, reflection or details), and peers that a
 * check-in is due (a periodic check, idempotent by peer and due date).
 */
final class CheckInNotices {
  /** Peers who have checked in before and whose next check-in date has come (organizations' cadence). */
  private static final String DUE = """
      select c.peer_id, c.org_id, max(c.period_end) + coalesce(s.cadence_days, 14) as due_on
        from checkins c left join checkin_settings s on s.org_id = c.org_id
       group by c.peer_id, c.org_id, s.cadence_days
      having max(c.period_end) + coalesce(s.cadence_days, 14) <= current_date""";

  private final Pool pool;
  private final Notifications notices;
  private final Function<Long, Future<List<Long>>> supervisorsOf;

  CheckInNotices(Pool pool, Notifications notices, Function<Long, Future<List<Long>>> supervisorsOf) {
    this.pool = pool;
    this.notices = notices;
    this.supervisorsOf = supervisorsOf;
    // Only the peer's current supervisors may hear of a flag, also when the e-mail goes out later.
    notices.checkBeforeSending(NotificationKind.DRIFT_FLAG, (who, link) ->
        supervisorsOf.apply(DeliveryCheck.idAfter(link, "/checkins/people/")).map(list -> list.contains(who)));
    notices.jobs().every("check-ins due", Duration.ofHours(1), this::remindDue);
  }

  /** In the check-in's transaction; nothing when it raised no flag. */
  Future<Void> flagsRaised(SqlClient tx, CurrentUser peer, CheckIn c) {
    if (c.flags().isEmpty()) {
      return Future.succeededFuture();
    }
    // The title is stored once and read later, after the peer may have stopped sharing the answers, so it names
    // no kind; the linked page shows the kinds the peer's sharing allows when it is opened.
    return supervisorsOf.apply(peer.id()).compose(supervisors -> notices.enqueue(tx, new Notice(peer.orgId(), supervisors,
        NotificationKind.DRIFT_FLAG, "drift_flag:checkin:" + c.id(),
        peer.displayName() + "'s check-in of " + c.periodEnd() + " raised a role-drift flag", "/checkins/people/" + peer.id()))).mapEmpty();
  }

  /** Tells each peer once per due date; answers how many were told. */
  Future<Integer> remindDue() {
    return pool.query(DUE).execute().compose(rows -> {
      List<Future<Integer>> writes = new ArrayList<>();
      for (Row r : rows) {
        LocalDate dueOn = r.getLocalDate("due_on");
        writes.add(notices.enqueue(pool, Notice.to(r.getLong("org_id"), r.getLong("peer_id"), NotificationKind.CHECKIN_DUE,
            "checkin_due:" + r.getLong("peer_id") + ":" + dueOn, "Your role check-in is due (since " + dueOn + ")", "/checkins")));
      }
      return Future.all(writes).map(done -> writes.stream().mapToInt(Future::result).sum());
    });
  }
}
