package io.mooring.circles;

import io.mooring.platform.auth.AuthHandler;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.mooring.platform.http.Http;
import io.mooring.platform.http.Input;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** JSON handlers for circles, membership and message history. */
final class CircleApi {
  static final Set<String> POLICIES = Set.of("open", "invite", "request");

  private final CircleService circles;
  private final ChatService chat;

  CircleApi(CircleService circles, ChatService chat) {
    this.circles = circles;
    this.chat = chat;
  }

  void list(RoutingContext ctx) {
    circles.list(CurrentUser.of(ctx)).onSuccess(list -> {
      JsonArray mine = new JsonArray();
      JsonArray joinable = new JsonArray();
      list.forEach(c -> (c.isMember() ? mine : joinable).add(c.toJson()));
      Http.json(ctx, new JsonObject().put("mine", mine).put("joinable", joinable));
    }).onFailure(ctx::fail);
  }

  void create(RoutingContext ctx) {
    Circle.Settings s = settings(Http.body(ctx));
    circles.create(CurrentUser.of(ctx), s)
        .onSuccess(c -> Http.created(ctx, "/api/v1/circles/" + c.id(), c.toJson())).onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    circles.visible(me, Http.pathId(ctx, "circleId"))
        .compose(c -> circles.crisisResources(me.orgId()).map(crisis -> c.toJson().put("crisisResources", crisis)))
        .onSuccess(json -> Http.json(ctx, json)).onFailure(ctx::fail);
  }

  void change(RoutingContext ctx) {
    Circle.Settings s = settings(Http.body(ctx));
    circles.change(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"), s).onSuccess(c -> Http.json(ctx, c.toJson())).onFailure(ctx::fail);
  }

  void join(RoutingContext ctx) {
    Input in = Input.of(Http.body(ctx)).only("acceptGroundRules");
    if (!Boolean.TRUE.equals(in.bool("acceptGroundRules", false))) {
      in.fail("acceptGroundRules", "must be true: members accept the circle's ground rules");
    }
    in.check();
    circles.join(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"))
        .onSuccess(state -> Http.json(ctx, state.equals("member") ? 200 : 202, new JsonObject().put("status", state)))
        .onFailure(ctx::fail);
  }

  void leave(RoutingContext ctx) {
    circles.leave(CurrentUser.of(ctx), Http.pathId(ctx, "circleId")).onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  void members(RoutingContext ctx) {
    circles.members(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"))
        .onSuccess(a -> Http.json(ctx, new JsonObject().put("items", a))).onFailure(ctx::fail);
  }

  void changeMember(RoutingContext ctx) {
    Input in = Input.of(Http.body(ctx)).only("muted", "role");
    Boolean muted = in.has("muted") ? in.bool("muted", false) : null;
    String role = in.has("role") ? in.oneOf("role", Set.of("member", "facilitator")) : null;
    in.check();
    circles.changeMember(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"), Http.pathId(ctx, "userId"), muted, role)
        .onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  void remove(RoutingContext ctx) {
    circles.remove(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"), Http.pathId(ctx, "userId"))
        .onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  void invite(RoutingContext ctx) {
    circles.invite(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"), Http.pathId(ctx, "userId"))
        .onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  void requests(RoutingContext ctx) {
    circles.requests(CurrentUser.of(ctx), Http.pathId(ctx, "circleId")).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(r -> out.add(new JsonObject().put("userId", r.userId()).put("displayName", r.displayName()).put("kind", r.kind())));
      Http.json(ctx, new JsonObject().put("items", out));
    }).onFailure(ctx::fail);
  }

  void approve(RoutingContext ctx) {
    circles.approve(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"), Http.pathId(ctx, "userId"))
        .onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  void history(RoutingContext ctx) {
    String after = ctx.request().getParam("after");
    String before = ctx.request().getParam("before");
    if (after != null && before != null) {
      throw AppException.invalid("after", "use either after or before, not both");
    }
    Long a = after == null ? null : Http.queryLong(ctx, "after", 0, 0, Long.MAX_VALUE);
    Long b = before == null ? null : Http.queryLong(ctx, "before", 1, 1, Long.MAX_VALUE);
    int limit = (int) Http.queryLong(ctx, "limit", 50, 1, 200);
    chat.history(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"), a, b, limit).onSuccess(list -> {
      JsonArray items = new JsonArray();
      list.forEach(m -> items.add(m.toJson()));
      Http.json(ctx, new JsonObject().put("items", items));
    }).onFailure(ctx::fail);
  }

  void deleteMessage(RoutingContext ctx) {
    chat.delete(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"), Http.pathId(ctx, "messageId"))
        .onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  void edits(RoutingContext ctx) {
    chat.edits(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"), Http.pathId(ctx, "messageId"))
        .onSuccess(a -> Http.json(ctx, new JsonObject().put("items", a))).onFailure(ctx::fail);
  }

  void report(RoutingContext ctx) {
    Input in = Input.of(Http.body(ctx)).only("reason");
    String reason = in.string("reason", 1, 1000);
    in.check();
    chat.report(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"), Http.pathId(ctx, "messageId"), reason)
        .onSuccess(v -> Http.json(ctx, 201, new JsonObject().put("status", "reported"))).onFailure(ctx::fail);
  }

  void reports(RoutingContext ctx) {
    chat.reports(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"))
        .onSuccess(a -> Http.json(ctx, new JsonObject().put("items", a))).onFailure(ctx::fail);
  }

  void read(RoutingContext ctx) {
    Input in = Input.of(Http.body(ctx)).only("seq");
    Integer seq = in.integer("seq", 0, Integer.MAX_VALUE);
    in.check();
    CurrentUser me = CurrentUser.of(ctx);
    long circleId = Http.pathId(ctx, "circleId");
    circles.member(me, circleId).compose(c -> chat.markRead(me, circleId, seq))
        .onSuccess(s -> Http.json(ctx, new JsonObject().put("seq", s))).onFailure(ctx::fail);
  }

  void crisis(RoutingContext ctx) {
    circles.crisisResources(CurrentUser.of(ctx).orgId())
        .onSuccess(body -> Http.json(ctx, new JsonObject().put("body", body))).onFailure(ctx::fail);
  }

  void setCrisis(RoutingContext ctx) {
    Input in = Input.of(Http.body(ctx)).only("body");
    String body = in.optionalString("body", 4000);
    if (body == null) {
      in.fail("body", "is required");
    }
    in.check();
    circles.setCrisisResources(CurrentUser.of(ctx), body)
        .onSuccess(v -> Http.json(ctx, new JsonObject().put("body", body))).onFailure(ctx::fail);
  }

  /** The WebSocket: cookie sessions must come from this server's own pages (no cross-site hijacking). */
  void live(RoutingContext ctx) {
    if (!isWebSocketHandshake(ctx)) {
      // A plain GET here is a client mistake, not a server fault: say what to send instead.
      ctx.response().putHeader(HttpHeaders.UPGRADE, "websocket");
      throw new AppException(ErrorCode.UPGRADE_REQUIRED, "This address is a WebSocket: connect with Upgrade: websocket.");
    }
    CurrentUser me = CurrentUser.of(ctx);
    long circleId = Http.pathId(ctx, "circleId");
    Long after = ctx.request().getParam("after") == null ? null : Http.queryLong(ctx, "after", 0, 0, Long.MAX_VALUE);
    Long changes = ctx.request().getParam("changes") == null ? null : Http.queryLong(ctx, "changes", 0, 0, Long.MAX_VALUE);
    boolean viaCookie = ctx.request().getHeader("Authorization") == null && ctx.request().getCookie(AuthHandler.COOKIE) != null;
    if (viaCookie && !sameOrigin(ctx)) {
      throw new AppException(ErrorCode.FORBIDDEN, "This socket only opens from Mooring's own pages.");
    }
    // The TCP connection under the socket (vertx-web wraps the socket itself): its kernel buffer is capped, and it is dropped when stalled.
    var channel = ctx.request().connection() instanceof io.vertx.core.net.impl.ConnectionBase c ? c.channel() : null;
    circles.member(me, circleId)
        .compose(c -> ctx.request().toWebSocket())
        .onSuccess(ws -> new LiveSocket(ws, channel, me, circleId, chat, circles.hub()).start(after, changes))
        .onFailure(ctx::fail);
  }

  static boolean isWebSocketHandshake(RoutingContext ctx) {
    var h = ctx.request().headers();
    return h.contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true) && h.contains(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE, true)
        && h.get("Sec-WebSocket-Key") != null && "13".equals(h.get("Sec-WebSocket-Version"));
  }

  static boolean sameOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    String host = ctx.request().getHeader("Host");
    return origin != null && host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  static Circle.Settings settings(JsonObject body) {
    Input in = Input.of(body).only("name", "purpose", "groundRules", "joinPolicy", "meeting", "retentionDays");
    String name = in.string("name", 1, 120);
    String purpose = in.optionalString("purpose", 2000);
    String rules = in.optionalString("groundRules", 4000);
    String policy = in.has("joinPolicy") ? in.oneOf("joinPolicy", POLICIES) : "invite";
    Meeting meeting = in.has("meeting") ? MeetingInput.read(in.object("meeting")) : null;
    Integer retention = in.optionalInteger("retentionDays", 1, 3650);
    in.check();
    return new Circle.Settings(name, purpose == null ? "" : purpose, rules == null ? "" : rules, policy, meeting, retention);
  }
}
