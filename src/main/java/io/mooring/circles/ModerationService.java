package io.mooring.circles;

import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Facilitators resolve a report: dismiss it, hide the message (a tombstone for members, live and on
 * resume like any removal), mute its author for a while, or remove its author from the circle. One
 * transaction does the action, settles every open report about that message and writes the audit entry.
 */
public final class ModerationService {
  /** The action a facilitator chose, and the resolution stored on the reports. */
  static final Map<String, String> ACTIONS = Map.of("dismiss", "dismissed", "hide", "hidden", "mute", "muted", "remove", "removed");
  static final int MAX_MUTE_HOURS = 24 * 30;

  private final Pool pool;
  private final CircleService circles;

  public ModerationService(Pool pool, CircleService circles) {
    this.pool = pool;
    this.circles = circles;
  }

  /** {@code muteHours} only for "mute". Returns the resolution stored. */
  public Future<String> resolve(CurrentUser me, long circleId, long reportId, String action, Integer muteHours) {
    return circles.facilitator(me, circleId).compose(c -> pool.withTransaction(tx -> ModerationRepository.lockOpen(tx, circleId, reportId)
        .compose(open -> open.isEmpty() ? Future.failedFuture(AppException.notFound("That open report"))
            : act(tx, me, circleId, open.get(), action, muteHours)
                .compose(entry -> ModerationRepository.resolve(tx, circleId, open.get().messageId(), me.id(), ACTIONS.get(action))
                    .compose(v -> AuditLog.record(tx, entry.with("reportId", reportId).with("messageId", open.get().messageId()))))
                .map(ACTIONS.get(action)))));
  }

  private Future<AuditLog.Entry> act(SqlClient tx, CurrentUser me, long circleId, ModerationRepository.OpenReport report,
                                     String action, Integer muteHours) {
    AuditLog.Entry entry = AuditLog.Entry.of(me.orgId(), me.id(), "circle.report-" + ACTIONS.get(action)).subject("circle", circleId)
        .with("userId", report.authorId());
    return switch (action) {
      case "hide" -> hide(tx, me, circleId, report).map(entry);
      case "mute" -> {
        OffsetDateTime until = OffsetDateTime.now().plus(Duration.ofHours(muteHours));
        yield ModerationRepository.muteUntil(tx, circleId, report.authorId(), until).map(entry.with("until", until.toString()));
      }
      case "remove" -> report.authorId() == me.id()
          ? Future.failedFuture(new AppException(ErrorCode.CONFLICT, "You cannot remove yourself here; use Leave circle."))
          // The delete trigger (V11) closes their sockets on every node.
          : CircleRepository.removeMember(tx, circleId, report.authorId()).map(entry);
      default -> Future.succeededFuture(entry);
    };
  }

  /** The same tombstone as a facilitator's removal, numbered as a change so resuming clients get it too. */
  private static Future<Void> hide(SqlClient tx, CurrentUser me, long circleId, ModerationRepository.OpenReport report) {
    if (report.deleted()) {
      return Future.succeededFuture();
    }
    return MessageRepository.nextChange(tx, circleId)
        .compose(change -> MessageRepository.delete(tx, circleId, report.messageId(), me.id(), ChatService.session(me), change)
            .compose(ok -> ok ? MessageRepository.notify(tx, circleId + ":c:" + change) : Future.succeededFuture()));
  }
}
