package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.Http;
import io.mooring.platform.http.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON handlers for circles, membership and crisis resources (messages: {@link MessageApi}; the socket: {@link LiveApi}). */
final class CircleApi {
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

  /** The contract (CirclesJoin) has already required {@code acceptGroundRules: true}. */
  void join(RoutingContext ctx) {
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
    JsonObject body = Http.body(ctx);
    Boolean muted = body.getBoolean("muted");
    String role = body.getString("role");
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
    String body = Http.body(ctx).getString("body").strip();
    circles.setCrisisResources(CurrentUser.of(ctx), body)
        .onSuccess(v -> Http.json(ctx, new JsonObject().put("body", body))).onFailure(ctx::fail);
  }

  /** Shape (known fields, types, lengths, a non-blank name, the join policies, retention's range) is the contract's, CirclesSettings. */
  static Circle.Settings settings(JsonObject body) {
    Input in = Input.of(body);
    Meeting meeting = body.getValue("meeting") == null ? null : MeetingInput.read(in.object("meeting"));
    in.check();
    // newMembersSeeHistory left out: null, so a new circle shows history and a changed one keeps its setting.
    return new Circle.Settings(body.getString("name").strip(), body.getString("purpose", "").strip(), body.getString("groundRules", "").strip(),
        body.getString("joinPolicy", "invite"), meeting, body.getInteger("retentionDays"), body.getBoolean("newMembersSeeHistory"));
  }
}
