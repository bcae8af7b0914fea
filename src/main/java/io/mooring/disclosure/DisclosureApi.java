package io.mooring.disclosure;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.Http;
import io.mooring.platform.http.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.List;

/** JSON handlers for my disclosure settings, logs, preview, and a colleague's profile. */
final class DisclosureApi {
  static final String WHERE_API = "api";

  private final DisclosureService disclosure;

  DisclosureApi(DisclosureService disclosure) {
    this.disclosure = disclosure;
  }

  void items(RoutingContext ctx) {
    disclosure.myItems(CurrentUser.of(ctx)).onSuccess(items -> {
      JsonArray out = new JsonArray();
      items.forEach(i -> out.add(i.toJson()));
      Http.json(ctx, new JsonObject().put("items", out));
    }).onFailure(ctx::fail);
  }

  void item(RoutingContext ctx) {
    disclosure.myItem(CurrentUser.of(ctx), kind(ctx)).onSuccess(i -> Http.json(ctx, i.toJson())).onFailure(ctx::fail);
  }

  void saveItem(RoutingContext ctx) {
    ItemKind kind = kind(ctx);
    Input in = Input.of(Http.body(ctx));
    JsonObject content = kind.read(in);
    in.check();
    disclosure.saveItem(CurrentUser.of(ctx), kind, content).onSuccess(i -> Http.json(ctx, i.toJson())).onFailure(ctx::fail);
  }

  void setAudiences(RoutingContext ctx) {
    ItemKind kind = kind(ctx);
    Input in = Input.of(Http.body(ctx));
    List<Grant> grants = AudienceInput.read(in, OffsetDateTime.now());
    in.check();
    disclosure.setAudiences(CurrentUser.of(ctx), kind, grants).onSuccess(i -> Http.json(ctx, i.toJson())).onFailure(ctx::fail);
  }

  /** Who can see each of my items now, by name, and who gained access since my last visit (this visit counts as told). */
  void viewers(RoutingContext ctx) {
    disclosure.viewers(CurrentUser.of(ctx)).onSuccess(r -> {
      JsonArray items = new JsonArray();
      r.items().forEach(v -> items.add(v.toJson()));
      JsonArray news = new JsonArray();
      r.newSinceLastVisit().forEach(n -> news.add(n.toJson()));
      Http.json(ctx, new JsonObject().put("items", items).put("newSinceLastVisit", news));
    }).onFailure(ctx::fail);
  }

  void hideAll(RoutingContext ctx) {
    disclosure.hideAll(CurrentUser.of(ctx))
        .onSuccess(n -> Http.json(ctx, new JsonObject().put("audiencesRemoved", n))).onFailure(ctx::fail);
  }

  void accessLog(RoutingContext ctx) {
    String format = ctx.request().getParam("format");
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw AppException.invalid("format", "must be csv or json");
    }
    if ("csv".equals(format)) {
      accessLogCsv(ctx);
      return;
    }
    long before = Http.queryLong(ctx, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
    int limit = (int) Http.queryLong(ctx, "limit", 50, 1, 200);
    disclosure.accessLog(CurrentUser.of(ctx), before, limit).onSuccess(views -> {
      JsonArray out = new JsonArray();
      views.forEach(v -> out.add(v.toJson()));
      JsonObject body = new JsonObject().put("items", out);
      if (views.size() == limit) {
        body.put("next", "/api/v1/me/disclosure/access-log?before=" + views.get(views.size() - 1).id() + "&limit=" + limit);
      }
      Http.json(ctx, body);
    }).onFailure(ctx::fail);
  }

  void accessLogCsv(RoutingContext ctx) {
    disclosure.accessLog(CurrentUser.of(ctx), Long.MAX_VALUE, 100_000).onSuccess(views -> ctx.response()
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"disclosure-access-log.csv\"")
        .end(AccessLogCsv.of(views))).onFailure(ctx::fail);
  }

  void history(RoutingContext ctx) {
    long before = Http.queryLong(ctx, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
    int limit = (int) Http.queryLong(ctx, "limit", 50, 1, 200);
    disclosure.history(CurrentUser.of(ctx), before, limit).onSuccess(items -> {
      JsonObject body = new JsonObject().put("items", items);
      if (items.size() == limit) {
        body.put("next", "/api/v1/me/disclosure/history?before=" + items.getJsonObject(items.size() - 1).getLong("id") + "&limit=" + limit);
      }
      Http.json(ctx, body);
    }).onFailure(ctx::fail);
  }

  void preview(RoutingContext ctx) {
    long as = Http.queryLong(ctx, "as", -1, 1, Long.MAX_VALUE);
    if (as < 0) {
      throw AppException.invalid("as", "is required (the colleague's user id)");
    }
    disclosure.preview(CurrentUser.of(ctx), as).onSuccess(p -> Http.json(ctx, p.toJson().put("asUserId", as))).onFailure(ctx::fail);
  }

  void profile(RoutingContext ctx) {
    disclosure.profile(CurrentUser.of(ctx), Http.pathId(ctx, "userId"), WHERE_API)
        .onSuccess(p -> Http.json(ctx, p.toJson())).onFailure(ctx::fail);
  }

  static ItemKind kind(RoutingContext ctx) {
    return ItemKind.parse(ctx.pathParam("kind"));
  }
}
