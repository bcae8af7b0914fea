package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;

/**
 * Who comes into a circle and who goes: joining by the circle's policy, leaving, invitations, approvals,
 * removal and member changes (never taking away the last facilitator), each audited in its transaction.
 * Removing a membership row also closes the person's sockets (sql/V11).
 */
final class MembershipChanges {
  static final String LAST_FACILITATOR = "Make another member a facilitator first: a circle needs one while it has members.";

  private final Pool pool;
  private final CircleService circles;
  private final CircleNotices notices;

  MembershipChanges(Pool pool, CircleService circles, CircleNotices notices) {
    this.pool = pool;
    this.circles = circles;
    this.notices = notices;
  }

  /** Joining means accepting the ground rules. Open: a member at once; invited: too; by request: pending. */
  Future<String> join(CurrentUser me, long circleId) {
    return circles.visible(me, circleId).compose(c -> {
      if (c.isMember()) {
        return Future.succeededFuture("member");
      }
      boolean invited = "invite".equals(c.myRequest());
      if ("open".equals(c.joinPolicy()) || invited) {
        return pool.withTransaction(tx -> CircleRepository.takeRequest(tx, circleId, me.id())
            .compose(v -> CircleRepository.addMember(tx, circleId, me.id(), "member"))
            .compose(v -> CircleService.audit(tx, me, "circle.joined", circleId, me.id()))).map("member");
      }
      return pool.withTransaction(tx -> CircleRepository.putRequest(tx, circleId, me.id(), "request", me.id())
          .compose(v -> CircleService.audit(tx, me, "circle.join-requested", circleId, me.id()))).map("requested");
    });
  }

  Future<Void> leave(CurrentUser me, long circleId) {
    return circles.member(me, circleId).compose(c -> pool.withTransaction(tx -> keepsAFacilitator(tx, circleId, me.id(), false)
        // Deleting the row notifies every node to close this person's sockets here (sql/V11).
        .compose(v -> CircleRepository.removeMember(tx, circleId, me.id()))
        .compose(v -> CircleService.audit(tx, me, "circle.left", circleId, me.id()))));
  }

  Future<Void> invite(CurrentUser me, long circleId, long userId) {
    return circles.facilitator(me, circleId).compose(c -> CircleRepository.isPeerInOrg(pool, userId, me.orgId())).compose(ok -> ok
        ? pool.withTransaction(tx -> CircleRepository.putRequest(tx, circleId, userId, "invite", me.id())
            .compose(v -> CircleService.audit(tx, me, "circle.invited", circleId, userId))
            .compose(v -> notices.added(tx, circleId, userId, true)))
        : Future.failedFuture(AppException.notFound("That peer")));
  }

  Future<Void> approve(CurrentUser me, long circleId, long userId) {
    return circles.facilitator(me, circleId).compose(c -> pool.withTransaction(tx -> CircleRepository.takeRequest(tx, circleId, userId)
        .compose(kind -> "request".equals(kind.orElse(null))
            ? CircleRepository.addMember(tx, circleId, userId, "member").compose(v -> CircleService.audit(tx, me, "circle.approved", circleId, userId))
                .compose(v -> notices.added(tx, circleId, userId, false))
            : Future.failedFuture(AppException.notFound("That request to join")))));
  }

  Future<Void> remove(CurrentUser me, long circleId, long userId) {
    if (userId == me.id()) {
      return leave(me, circleId);
    }
    return circles.facilitator(me, circleId).compose(c -> pool.withTransaction(tx -> keepsAFacilitator(tx, circleId, userId, false)
        .compose(v -> CircleRepository.removeMember(tx, circleId, userId))
        .compose(found -> found ? Future.<Void>succeededFuture() : Future.failedFuture(AppException.notFound("That member")))
        .compose(v -> CircleService.audit(tx, me, "circle.member-removed", circleId, userId))
        .compose(v -> notices.removed(tx, circleId, userId))));
  }

  Future<Void> changeMember(CurrentUser me, long circleId, long userId, Boolean muted, String role) {
    boolean stepsDown = role != null && !"facilitator".equals(role);
    return circles.facilitator(me, circleId).compose(c -> pool.withTransaction(tx -> (stepsDown ? keepsAFacilitator(tx, circleId, userId, true)
            : Future.<Void>succeededFuture())
        .compose(v -> CircleRepository.changeMember(tx, circleId, userId, muted, role))
        .compose(found -> found ? CircleService.audit(tx, me, "circle.member-changed", circleId, userId)
            : Future.failedFuture(AppException.notFound("That member")))));
  }

  /**
   * Nobody can approve, moderate or change a circle without a facilitator, so the last one may not step down
   * (even alone: the circle would stay with a member nobody can replace), and may leave or be removed only when
   * nobody else remains. The facilitators' rows stay locked to the end of the transaction, so two facilitators
   * stepping down or leaving at once cannot both pass.
   */
  private static Future<Void> keepsAFacilitator(SqlClient tx, long circleId, long userId, boolean staysMember) {
    return CircleRepository.lockFacilitators(tx, circleId).compose(ids -> !ids.contains(userId) || ids.size() > 1 ? Future.succeededFuture()
        : (staysMember ? Future.succeededFuture(true) : CircleRepository.hasOtherMembers(tx, circleId, userId))
            .compose(others -> others ? Future.failedFuture(new AppException(ErrorCode.CONFLICT, LAST_FACILITATOR)) : Future.succeededFuture()));
  }
}
