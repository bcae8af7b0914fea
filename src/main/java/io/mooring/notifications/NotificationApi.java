package io.mooring.notifications;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON handlers for /api/v1/notifications. */
final class NotificationApi {
  private final NotificationService notifications;

  NotificationApi(NotificationService notifications) {
    this.notifications = notifications;
  }

  /** Newest first; {@code after} is the id of the last one already seen (the {@code next} link carries it). */
  void list(RoutingContext ctx) {
    int limit = (int) Http.queryLong(ctx, "limit", 25, 1, 100);
    long after = Http.queryLong(ctx, "after", 0, 0, Long.MAX_VALUE);
    notifications.list(CurrentUser.of(ctx), after == 0 ? null : after, limit).onSuccess(page -> {
      JsonArray items = new JsonArray();
      page.items().forEach(n -> items.add(n.toJson()));
      JsonObject body = new JsonObject().put("items", items).put("unread", page.unread());
      if (page.nextBefore() != null) {
        body.put("next", "/api/v1/notifications?after=" + page.nextBefore() + "&limit=" + limit);
      }
      Http.json(ctx, body);
    }).onFailure(ctx::fail);
  }

  void markRead(RoutingContext ctx) {
    notifications.markRead(CurrentUser.of(ctx), Http.pathId(ctx, "notificationId"))
        .onSuccess(n -> Http.json(ctx, n.toJson())).onFailure(ctx::fail);
  }

  void markAllRead(RoutingContext ctx) {
    notifications.markAllRead(CurrentUser.of(ctx))
        .onSuccess(n -> Http.json(ctx, new JsonObject().put("marked", n).put("unread", 0))).onFailure(ctx::fail);
  }

  void preferences(RoutingContext ctx) {
    notifications.preferences(CurrentUser.of(ctx)).onSuccess(p -> Http.json(ctx, json(p))).onFailure(ctx::fail);
  }

  /** Body: {"kind": "app" | "email" | "off", …}; kinds left out keep their setting. */
  void setPreferences(RoutingContext ctx) {
    Map<String, String> channels = new LinkedHashMap<>();
    Http.body(ctx).forEach(e -> channels.put(e.getKey(), e.getValue() instanceof String s ? s : null));
    notifications.setPreferences(CurrentUser.of(ctx), channels).onSuccess(p -> Http.json(ctx, json(p))).onFailure(ctx::fail);
  }

  private JsonObject json(List<NotificationService.Preference> prefs) {
    JsonArray items = new JsonArray();
    prefs.forEach(p -> items.add(new JsonObject().put("kind", p.kind().code()).put("label", p.kind().label())
        .put("channel", p.channel().code())));
    return new JsonObject().put("preferences", items).put("emailEnabled", notifications.mailEnabled());
  }
}
