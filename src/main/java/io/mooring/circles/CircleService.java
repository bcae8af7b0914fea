package io.mooring.circles;

import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.db.Listener;
import io.mooring.platform.http.AppException;
import io.mooring.platform.notify.Notifications;
import io.mooring.relations.Memberships;
import io.mooring.relations.ProfileDisclosure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.List;

/**
 * Circles and who is in them. Peer-only: a person without the peer role, or who is not a member,
 * is told a circle does not exist (404), whatever other roles they hold.
 */
public final class CircleService {
  static final long RETENTION_EVERY_MS = 60 * 60 * 1000L;

  private final Vertx vertx;
  private final Pool pool;
  private final ProfileDisclosure disclosure;
  private final CircleHub hub;
  /** The chat's hot statements (ChatPool); the main pool when there is no database address to open it with. */
  private final Pool chatPool;
  private final Memberships membership;
  private final CircleNotices notices;
  private final MembershipChanges changes;
  private final MentionNotices mentions;
  private long retentionTimer = -1;

  public CircleService(Vertx vertx, Pool pool, PgConnectOptions dbOptions, Listener listener, ProfileDisclosure disclosure, Memberships membership,
                       Notifications notices) {
    this.vertx = vertx;
    this.notices = new CircleNotices(notices, pool);
    this.mentions = new MentionNotices(notices, pool);
    this.membership = membership;
    this.pool = pool;
    this.disclosure = disclosure;
    this.chatPool = dbOptions == null ? pool : ChatPool.open(vertx, dbOptions);
    this.hub = listener.enabled() ? new CircleHub(vertx, chatPool, listener) : null;
    this.changes = new MembershipChanges(pool, this, this.notices);
  }

  Pool chatPool() {
    return chatPool;
  }

  CircleHub hub() {
    return hub;
  }

  /** Starts the fan-out subscriber, the retention job and the profile-refresh listener. */
  public Future<Void> start() {
    if (hub == null) {
      return Future.failedFuture(new IllegalStateException("circles need the database address to listen for chat events"));
    }
    retentionTimer = vertx.setPeriodic(5_000, RETENTION_EVERY_MS, t -> applyRetention());
    vertx.eventBus().<JsonObject>consumer("mooring.disclosure.changed", msg -> profileChanged(msg.body()));
    return hub.start();
  }

  public Future<Void> stop() {
    if (retentionTimer >= 0) {
      vertx.cancelTimer(retentionTimer);
    }
    return hub == null ? Future.succeededFuture() : hub.stop().eventually(() -> chatPool.close());
  }

  public Future<Integer> applyRetention() {
    return CircleRepository.applyRetention(pool);
  }

  public Future<List<Circle>> list(CurrentUser me) {
    return me.isPeer() ? CircleRepository.visibleTo(pool, me.orgId(), me.id()) : Future.succeededFuture(List.of());
  }

  /** Members see everything; an eligible peer (open, by request, or invited) sees the description only. */
  public Future<Circle> visible(CurrentUser me, long circleId) {
    return find(me, circleId).map(c -> {
      if (c.isMember() || "open".equals(c.joinPolicy()) || "request".equals(c.joinPolicy()) || "invite".equals(c.myRequest())) {
        return c;
      }
      throw AppException.notFound("That circle");
    });
  }

  public Future<Circle> member(CurrentUser me, long circleId) {
    return find(me, circleId).map(c -> {
      if (!c.isMember()) {
        throw AppException.notFound("That circle");
      }
      return c;
    });
  }

  public Future<Circle> facilitator(CurrentUser me, long circleId) {
    return member(me, circleId).map(c -> {
      if (!c.isFacilitator()) {
        throw AppException.forbidden("Only this circle's facilitators can do that.");
      }
      return c;
    });
  }

  private Future<Circle> find(CurrentUser me, long circleId) {
    if (!me.isPeer()) {
      return Future.failedFuture(AppException.notFound("That circle"));
    }
    return CircleRepository.find(pool, me.orgId(), circleId, me.id())
        .map(o -> o.orElseThrow(() -> AppException.notFound("That circle")));
  }

  public Future<Circle> create(CurrentUser me, Circle.Settings s) {
    if (!me.isPeer()) {
      return Future.failedFuture(AppException.forbidden("Circles are for peer staff: this needs the peer role."));
    }
    return pool.withTransaction(tx -> CircleRepository.insert(tx, me.orgId(), s, me.id())
        .compose(id -> CircleRepository.addMember(tx, id, me.id(), "facilitator")
            .compose(v -> audit(tx, me, "circle.created", id, null)).map(id)))
        .compose(id -> member(me, id));
  }

  public Future<Circle> change(CurrentUser me, long circleId, Circle.Settings s) {
    return facilitator(me, circleId).compose(c -> pool.withTransaction(tx -> CircleRepository.update(tx, circleId, s)
        .compose(v -> s.newMembersSeeHistory() == null || s.newMembersSeeHistory() == c.newMembersSeeHistory() ? Future.<Void>succeededFuture()
            : CircleRepository.recheckMembers(tx, circleId))
        .compose(v -> audit(tx, me, "circle.changed", circleId, null)))).compose(v -> member(me, circleId));
  }

  // Joining, leaving and facilitators' membership decisions: MembershipChanges.

  public Future<String> join(CurrentUser me, long circleId) {
    return changes.join(me, circleId);
  }

  public Future<Void> leave(CurrentUser me, long circleId) {
    return changes.leave(me, circleId);
  }

  public Future<Void> invite(CurrentUser me, long circleId, long userId) {
    return changes.invite(me, circleId, userId);
  }

  public Future<Void> approve(CurrentUser me, long circleId, long userId) {
    return changes.approve(me, circleId, userId);
  }

  public Future<Void> remove(CurrentUser me, long circleId, long userId) {
    return changes.remove(me, circleId, userId);
  }

  public Future<Void> changeMember(CurrentUser me, long circleId, long userId, Boolean muted, String role) {
    return changes.changeMember(me, circleId, userId, muted, role);
  }

  /** Member cards: display name plus whatever each member chose to disclose to this viewer. */
  CircleNotices notices() {
    return notices;
  }

  MentionNotices mentions() {
    return mentions;
  }

  public Future<JsonArray> members(CurrentUser me, long circleId) {
    return member(me, circleId).compose(c -> CircleRepository.members(pool, circleId)).compose(list -> cards(me, circleId, list));
  }

  Future<JsonArray> cards(CurrentUser viewer, long circleId, List<Member> list) {
    return disclosure.visibleProfiles(viewer, list.stream().map(Member::userId).toList(), "circle:" + circleId).map(items -> {
      JsonArray out = new JsonArray();
      list.forEach(m -> out.add(m.toCard(items.get(m.userId()))));
      return out;
    });
  }

  public Future<List<CircleRepository.Request>> requests(CurrentUser me, long circleId) {
    return facilitator(me, circleId).compose(c -> CircleRepository.requests(pool, circleId));
  }

  public Future<String> crisisResources(long orgId) {
    return CircleRepository.crisisResources(pool, orgId);
  }

  public Future<Void> setCrisisResources(CurrentUser admin, String body) {
    if (!admin.isAdmin()) {
      return Future.failedFuture(AppException.forbidden("This needs the admin role."));
    }
    return pool.withTransaction(tx -> CircleRepository.setCrisisResources(tx, admin.orgId(), body, admin.id())
        .compose(v -> AuditLog.record(tx, AuditLog.Entry.of(admin.orgId(), admin.id(), "circle.crisis-resources-changed"))));
  }

  static Future<Void> audit(SqlClient tx, CurrentUser me, String action, long circleId, Long userId) {
    AuditLog.Entry e = AuditLog.Entry.of(me.orgId(), me.id(), action).subject("circle", circleId);
    return AuditLog.record(tx, userId == null ? e : e.with("userId", userId));
  }

  private void profileChanged(JsonObject event) {
    Long owner = event == null ? null : event.getLong("ownerId");
    if (owner == null || hub == null) {
      return;
    }
    membership.circlesOf(owner).onSuccess(ids -> hub.forEachSocketIn(ids, s ->
        CircleRepository.members(pool, s.circleId()).compose(all -> cards(s.user(), s.circleId(),
                all.stream().filter(m -> m.userId() == owner).toList()))
            .onSuccess(cards -> cards.forEach(card -> s.deliverEvent(new JsonObject().put("type", "profile").put("member", card).encode())))));
  }
}
