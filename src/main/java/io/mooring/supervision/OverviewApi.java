package io.mooring.supervision;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON handlers for the overviews (supervisor, peer, administrator), hours and the calendar feed. */
final class OverviewApi {
  private final SupervisionService s;

  OverviewApi(SupervisionService s) {
    this.s = s;
  }

  void dashboard(RoutingContext ctx) {
    s.dashboards().supervisorJson(CurrentUser.of(ctx)).onSuccess(body -> Http.json(ctx, body)).onFailure(ctx::fail);
  }

  void mine(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    s.dashboards().forSupervisee(me).onSuccess(o -> {
      JsonArray out = new JsonArray();
      o.rows().forEach(r -> out.add(r.toJson(true)));
      Http.json(ctx, new JsonObject().put("supervisors", out));
    }).onFailure(ctx::fail);
  }

  void overview(RoutingContext ctx) {
    boolean ended = "true".equals(ctx.request().getParam("includeEnded"));
    s.dashboards().forAdmin(CurrentUser.of(ctx), ended).onSuccess(o -> {
      JsonArray all = new JsonArray();
      JsonArray overdue = new JsonArray();
      o.rows().forEach(r -> {
        all.add(r.toJson(false));
        if (r.status().overdue()) {
          overdue.add(r.toJson(false));
        }
      });
      Http.json(ctx, new JsonObject().put("pairings", all).put("overdue", overdue));
    }).onFailure(ctx::fail);
  }

  void hours(RoutingContext ctx) {
    s.hours().hours(CurrentUser.of(ctx), Http.pathId(ctx, "userId")).onSuccess(h -> Http.json(ctx, h.toJson())).onFailure(ctx::fail);
  }

  void hoursCsv(RoutingContext ctx) {
    long id = Http.pathId(ctx, "userId");
    s.hours().hours(CurrentUser.of(ctx), id).onSuccess(h -> ctx.response()
        .putHeader("Content-Type", "text/csv; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"supervision-hours-" + id + ".csv\"")
        .end(h.toCsv())).onFailure(ctx::fail);
  }

  void rotateFeed(RoutingContext ctx) {
    s.feed().rotate(CurrentUser.of(ctx)).onSuccess(secret -> {
      String path = "/supervision/feed/" + secret + ".ics";
      String url = Http.publicUrl(ctx) + path;
      Http.created(ctx, url, new JsonObject().put("path", path).put("url", url));
    }).onFailure(ctx::fail);
  }

  /** No sign-in: calendar apps cannot send one. The unguessable secret is the credential. */
  void feed(RoutingContext ctx) {
    String raw = ctx.pathParam("secret");
    if (raw == null || !raw.endsWith(".ics") || raw.length() > 100) {
      ctx.fail(AppException.notFound("Feed"));
      return;
    }
    s.feed().feed(raw.substring(0, raw.length() - 4)).onSuccess(ics -> {
      // An unchanged feed renders to the same bytes (DTSTAMP is the last change), so its hash is a strong ETag.
      String etag = "\"" + FeedService.sha256(ics).substring(0, 32) + "\"";
      ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", "private, max-age=300");
      String match = ctx.request().getHeader("If-None-Match");
      if (match != null && java.util.Arrays.stream(match.split(",")).map(String::strip).anyMatch(m -> m.equals(etag) || m.equals("*"))) {
        ctx.response().setStatusCode(304).end();
        return;
      }
      ctx.response().putHeader("Content-Type", "text/calendar; charset=utf-8").end(ics);
    }).onFailure(ctx::fail);
  }
}
