package io.mooring.checkins;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** JSON handlers: read, validate, call the service, answer. */
final class CheckInApi {
  private final CheckInService checkins;

  CheckInApi(CheckInService checkins) {
    this.checkins = checkins;
  }

  void instrument(RoutingContext ctx) {
    Http.json(ctx, Instrument.CURRENT.toJson());
  }

  void create(RoutingContext ctx) {
    NewCheckIn cmd = CheckInInput.checkIn(Http.body(ctx));
    checkins.create(CurrentUser.of(ctx), cmd)
        .onSuccess(c -> Http.created(ctx, "/api/v1/checkins/" + c.id(), c.toOwnerJson()))
        .onFailure(ctx::fail);
  }

  /** My own history, newest period first; cursor {@code before} is a period end date. */
  void history(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    LocalDate before = date(ctx, "before");
    int limit = (int) Http.queryLong(ctx, "limit", 26, 1, 100);
    checkins.history(me, before, limit).compose(list -> checkins.dueFor(me.orgId(), List.of(me.id())).map(due -> {
      JsonArray items = new JsonArray();
      list.forEach(c -> items.add(c.toOwnerJson()));
      JsonObject body = new JsonObject().put("items", items).put("due", due.get(me.id()).toJson());
      if (list.size() == limit) {
        body.put("next", "/api/v1/checkins?before=" + list.get(list.size() - 1).periodEnd() + "&limit=" + limit);
      }
      return body;
    })).onSuccess(body -> Http.json(ctx, body)).onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    checkins.view(CurrentUser.of(ctx), Http.pathId(ctx, "checkInId")).onSuccess(o -> Http.json(ctx, o)).onFailure(ctx::fail);
  }

  void changeSharing(RoutingContext ctx) {
    long id = Http.pathId(ctx, "checkInId");
    var s = CheckInInput.sharing(Http.body(ctx));
    checkins.changeSharing(CurrentUser.of(ctx), id, s).onSuccess(c -> Http.json(ctx, c.toOwnerJson())).onFailure(ctx::fail);
  }

  void rate(RoutingContext ctx) {
    long id = Http.pathId(ctx, "checkInId");
    var r = CheckInInput.rating(Http.body(ctx));
    checkins.rate(CurrentUser.of(ctx), id, r).onSuccess(x -> Http.json(ctx, x.toJson())).onFailure(ctx::fail);
  }

  /** A person's trend and open flags: the peer themself or a current supervisor. */
  void person(RoutingContext ctx) {
    long peerId = Http.pathId(ctx, "peerId");
    int limit = (int) Http.queryLong(ctx, "limit", 26, 1, 100);
    checkins.person(CurrentUser.of(ctx), peerId, limit).onSuccess(v -> {
      JsonArray items = new JsonArray();
      v.checkIns().forEach(c -> items.add(v.own() ? c.toOwnerJson() : c.toSharedJson()));
      JsonArray flags = new JsonArray();
      v.openFlags().forEach(f -> flags.add(f.toJson()));
      Http.json(ctx, new JsonObject().put("peerId", peerId).put("items", items).put("openFlags", flags)
          .put("due", v.due().toJson()).put("threshold", v.threshold()));
    }).onFailure(ctx::fail);
  }

  void program(RoutingContext ctx) {
    checkins.program().byTeam(CurrentUser.of(ctx)).onSuccess(series -> {
      JsonArray teams = new JsonArray();
      series.forEach(t -> teams.add(t.toJson()));
      Http.json(ctx, new JsonObject().put("minPeers", CheckInProgram.MIN_PEERS).put("teams", teams));
    }).onFailure(ctx::fail);
  }

  void settings(RoutingContext ctx) {
    checkins.program().settings(CurrentUser.of(ctx)).onSuccess(s -> Http.json(ctx, s.toJson())).onFailure(ctx::fail);
  }

  void changeSettings(RoutingContext ctx) {
    // Shape and ranges are the contract's, CheckinsSettingsInput.
    JsonObject body = Http.body(ctx);
    Integer threshold = body.getInteger("threshold");
    Integer cadence = body.getInteger("cadenceDays");
    checkins.program().changeSettings(CurrentUser.of(ctx), threshold, cadence)
        .onSuccess(s -> Http.json(ctx, s.toJson())).onFailure(ctx::fail);
  }

  private static LocalDate date(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw AppException.invalid(name, "must be a date like 2026-01-31");
    }
  }
}
