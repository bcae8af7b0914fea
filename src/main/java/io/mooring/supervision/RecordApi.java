package io.mooring.supervision;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.DateTimes;
import io.mooring.platform.http.Http;
import io.mooring.platform.http.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON handlers for one session and its record. */
final class RecordApi {
  private final SupervisionService s;

  RecordApi(SupervisionService s) {
    this.s = s;
  }

  void session(RoutingContext ctx) {
    s.sessions().get(CurrentUser.of(ctx), Http.pathId(ctx, "sessionId")).onSuccess(x -> Http.json(ctx, x.toJson())).onFailure(ctx::fail);
  }

  void changeSession(RoutingContext ctx) {
    JsonObject b = Http.body(ctx);
    Input in = Input.of(b);
    var cmd = new SessionService.SessionChange(in.optionalDateTime("startsAt"), b.getString("status"), b.getInteger("durationMinutes"),
        b.getString("modality"));
    in.check();
    s.sessions().change(CurrentUser.of(ctx), Http.pathId(ctx, "sessionId"), cmd)
        .onSuccess(x -> Http.json(ctx, x.toJson())).onFailure(ctx::fail);
  }

  void discardSession(RoutingContext ctx) {
    s.sessions().discard(CurrentUser.of(ctx), Http.pathId(ctx, "sessionId")).onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  void discardDraft(RoutingContext ctx) {
    s.sessions().discardDraft(CurrentUser.of(ctx), Http.pathId(ctx, "sessionId")).onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  void start(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    long id = Http.pathId(ctx, "sessionId");
    s.records().start(me, id).compose(r -> s.records().get(me, id)).compose(l -> s.records().details(me, l).map(body -> {
      ctx.response().putHeader("ETag", l.record().etag());
      Http.created(ctx, "/api/v1/supervision/sessions/" + id + "/record", body);
      return null;
    })).onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    s.records().get(me, Http.pathId(ctx, "sessionId")).compose(l -> {
      if (l.access().role() == PairingRole.ADMIN) {
        Http.json(ctx, l.record().metadataJson().put("session", l.session().toJson()).put("access", "metadata"));
        return io.vertx.core.Future.succeededFuture();
      }
      if (l.access().role() == PairingRole.SHARED) {
        return s.records().details(me, l).map(body -> {
          body.remove("etag");
          Http.json(ctx, body.put("access", "shared"));
          return null;
        });
      }
      return s.records().details(me, l).map(body -> {
        ctx.response().putHeader("ETag", l.record().etag());
        Http.json(ctx, body.put("access", "full"));
        return null;
      });
    }).onFailure(ctx::fail);
  }

  void update(RoutingContext ctx) {
    JsonObject content = RecordDraft.parse(Http.body(ctx));
    CurrentUser me = CurrentUser.of(ctx);
    long id = Http.pathId(ctx, "sessionId");
    s.records().update(me, id, content, ctx.request().getHeader("If-Match")).onSuccess(r -> {
      ctx.response().putHeader("ETag", r.etag());
      JsonArray hints = new JsonArray();
      RecordContent.hints(r.content()).forEach(h -> hints.add(DashboardService.hintJson(h)));
      Http.json(ctx, r.toJson().put("hints", hints));
    }).onFailure(ctx::fail);
  }

  void finalizeRecord(RoutingContext ctx) {
    s.records().finalizeRecord(CurrentUser.of(ctx), Http.pathId(ctx, "sessionId"), ctx.request().getHeader("If-Match")).onSuccess(r -> {
      ctx.response().putHeader("ETag", r.etag());
      Http.json(ctx, r.toJson());
    }).onFailure(ctx::fail);
  }

  void acknowledge(RoutingContext ctx) {
    String comment = ctx.body().isEmpty() ? null : Input.text(Http.body(ctx), "comment");
    s.records().acknowledge(CurrentUser.of(ctx), Http.pathId(ctx, "sessionId"), comment == null || comment.isEmpty() ? null : comment)
        .onSuccess(r -> Http.json(ctx, r.toJson())).onFailure(ctx::fail);
  }

  void amend(RoutingContext ctx) {
    String text = Input.text(Http.body(ctx), "text");
    long id = Http.pathId(ctx, "sessionId");
    s.records().amend(CurrentUser.of(ctx), id, text)
        .onSuccess(a -> Http.created(ctx, "/api/v1/supervision/sessions/" + id + "/record", a.toJson())).onFailure(ctx::fail);
  }

  void shares(RoutingContext ctx) {
    s.sharing().list(CurrentUser.of(ctx), Http.pathId(ctx, "sessionId")).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(x -> out.add(new JsonObject().put("supervisorId", x.supervisorId()).put("sharedAt", DateTimes.text(x.sharedAt()))));
      Http.json(ctx, new JsonObject().put("shares", out));
    }).onFailure(ctx::fail);
  }

  void share(RoutingContext ctx) {
    long supervisorId = Http.body(ctx).getLong("supervisorId");
    long id = Http.pathId(ctx, "sessionId");
    s.sharing().share(CurrentUser.of(ctx), id, supervisorId).onSuccess(v -> Http.created(ctx,
            "/api/v1/supervision/sessions/" + id + "/record/shares/" + supervisorId, new JsonObject().put("supervisorId", supervisorId)))
        .onFailure(ctx::fail);
  }

  void revoke(RoutingContext ctx) {
    s.sharing().revoke(CurrentUser.of(ctx), Http.pathId(ctx, "sessionId"), Http.pathId(ctx, "supervisorId"))
        .onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  /** Pure and stateless: the page asks while the supervisor types. */
  void hints(RoutingContext ctx) {
    String text = Input.text(Http.body(ctx), "text");
    JsonArray out = new JsonArray();
    LanguageHints.find("text", text).forEach(h -> out.add(DashboardService.hintJson(h)));
    Http.json(ctx, new JsonObject().put("hints", out));
  }
}
