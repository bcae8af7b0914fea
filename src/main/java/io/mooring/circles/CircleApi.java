package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.Http;
import io.mooring.platform.http.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/** JSON handlers for circles, membership and crisis resources (messages: {@link MessageApi}; the socket: {@link LiveApi}). */
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
