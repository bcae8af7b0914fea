package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON handlers for a circle's messages: history pages, deletion, edits, reports and the read mark. */
final class MessageApi {
  private final CircleService circles;
  private final ChatService chat;

  MessageApi(CircleService circles, ChatService chat) {
    this.circles = circles;
    this.chat = chat;
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
    String reason = Http.body(ctx).getString("reason").strip();
    chat.report(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"), Http.pathId(ctx, "messageId"), reason)
        .onSuccess(v -> Http.json(ctx, 201, new JsonObject().put("status", "reported"))).onFailure(ctx::fail);
  }

  void reports(RoutingContext ctx) {
    chat.reports(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"))
        .onSuccess(a -> Http.json(ctx, new JsonObject().put("items", a))).onFailure(ctx::fail);
  }

  void read(RoutingContext ctx) {
    long seq = Http.body(ctx).getLong("seq");
    CurrentUser me = CurrentUser.of(ctx);
    long circleId = Http.pathId(ctx, "circleId");
    circles.member(me, circleId).compose(c -> chat.markRead(me, circleId, seq))
        .onSuccess(s -> Http.json(ctx, new JsonObject().put("seq", s))).onFailure(ctx::fail);
  }
}
