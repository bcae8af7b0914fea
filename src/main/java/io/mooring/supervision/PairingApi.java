package io.mooring.supervision;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.DateTimes;
import io.mooring.platform.http.Http;
import io.mooring.platform.http.Input;
import io.mooring.platform.web.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/** JSON handlers for pairings, agreements, schedules, sessions of a pairing and the peer's agenda. */
final class PairingApi {
  private final SupervisionService s;

  PairingApi(SupervisionService s) {
    this.s = s;
  }

  void list(RoutingContext ctx) {
    boolean ended = "true".equals(ctx.request().getParam("includeEnded"));
    s.pairings().list(CurrentUser.of(ctx), ended).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(p -> out.add(pairingJson(p)));
      Http.json(ctx, new JsonObject().put("items", out));
    }).onFailure(ctx::fail);
  }

  void create(RoutingContext ctx) {
    JsonObject b = Http.body(ctx);
    var cmd = new PairingService.NewPairing(b.getLong("supervisorId"), b.getLong("superviseeId"), b.getString("type"),
        Input.text(b, "credential"), Input.text(b, "licenceNumber"));
    s.pairings().create(CurrentUser.of(ctx), cmd)
        .onSuccess(p -> Http.created(ctx, "/api/v1/supervision/pairings/" + p.id(), basicJson(p)))
        .onFailure(ctx::fail);
  }

  void end(RoutingContext ctx) {
    s.pairings().end(CurrentUser.of(ctx), Http.pathId(ctx, "pairingId")).onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  void agreements(RoutingContext ctx) {
    s.pairings().agreements(CurrentUser.of(ctx), Http.pathId(ctx, "pairingId")).onSuccess(list -> {
      JsonArray history = new JsonArray();
      list.forEach(a -> history.add(a.toJson()));
      Http.json(ctx, new JsonObject().put("current", list.isEmpty() ? null : list.get(0).toJson()).put("history", history));
    }).onFailure(ctx::fail);
  }

  void setAgreement(RoutingContext ctx) {
    JsonObject b = Http.body(ctx);
    var cmd = new PairingService.NewAgreement(Input.text(b, "cadence"), Input.text(b, "confidentiality"), Input.text(b, "expectations"));
    s.pairings().setAgreement(CurrentUser.of(ctx), Http.pathId(ctx, "pairingId"), cmd)
        .onSuccess(a -> Http.json(ctx, a.toJson())).onFailure(ctx::fail);
  }

  void acknowledgeAgreement(RoutingContext ctx) {
    int version = Http.body(ctx).getInteger("version");
    s.pairings().acknowledgeAgreement(CurrentUser.of(ctx), Http.pathId(ctx, "pairingId"), version)
        .onSuccess(a -> Http.json(ctx, a.toJson())).onFailure(ctx::fail);
  }

  void setSchedule(RoutingContext ctx) {
    var cmd = schedule(Http.body(ctx));
    s.pairings().setSchedule(CurrentUser.of(ctx), Http.pathId(ctx, "pairingId"), cmd)
        .onSuccess(sch -> Http.json(ctx, sch.toJson())).onFailure(ctx::fail);
  }

  /** The next dates a schedule would give, shown as people read them, so the editor can preview before saving. */
  void previewSchedule(RoutingContext ctx) {
    var cmd = schedule(Http.body(ctx));
    CurrentUser me = CurrentUser.of(ctx);
    s.pairings().preview(me, cmd, 6).onSuccess(dates -> {
      JsonArray out = new JsonArray();
      dates.forEach(z -> out.add(new JsonObject().put("startsAt", DateTimes.text(z.toOffsetDateTime()))
          .put("text", Times.when(z.getZone(), z.toOffsetDateTime()))));
      Http.json(ctx, new JsonObject().put("items", out));
    }).onFailure(ctx::fail);
  }

  private static PairingService.NewSchedule schedule(JsonObject body) {
    // Shape is the contract's (SupervisionNewSchedule); here only whether firstStart is a real calendar moment.
    Input in = Input.of(body);
    LocalDateTime first = localDateTime(in, "firstStart", body.getString("firstStart"));
    in.check();
    return new PairingService.NewSchedule(body.getString("cadence"), Input.text(body, "rrule"), first, body.getInteger("durationMinutes"),
        body.getString("modality"));
  }

  void upcoming(RoutingContext ctx) {
    Instant from = instantParam(ctx, "from");
    long days = Http.queryLong(ctx, "days", 60, 1, 400);
    s.sessions().upcoming(CurrentUser.of(ctx), Http.pathId(ctx, "pairingId"), from, from.plusSeconds(days * 86400)).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(o -> out.add(o.toJson()));
      Http.json(ctx, new JsonObject().put("items", out));
    }).onFailure(ctx::fail);
  }

  void sessions(RoutingContext ctx) {
    s.sessions().ofPairing(CurrentUser.of(ctx), Http.pathId(ctx, "pairingId")).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(x -> out.add(x.toJson()));
      Http.json(ctx, new JsonObject().put("items", out));
    }).onFailure(ctx::fail);
  }

  void createSession(RoutingContext ctx) {
    JsonObject b = Http.body(ctx);
    Input in = Input.of(b);
    String occurrence = b.getString("occurrence");
    var cmd = new SessionService.NewSession(occurrence == null ? null : localDateTime(in, "occurrence", occurrence),
        in.optionalDateTime("startsAt"), b.getInteger("durationMinutes"), b.getString("modality"), b.getString("type"));
    in.check();
    s.sessions().create(CurrentUser.of(ctx), Http.pathId(ctx, "pairingId"), cmd)
        .onSuccess(x -> Http.created(ctx, "/api/v1/supervision/sessions/" + x.id(), x.toJson())).onFailure(ctx::fail);
  }

  void agenda(RoutingContext ctx) {
    s.records().pendingAgenda(CurrentUser.of(ctx), Http.pathId(ctx, "pairingId")).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(a -> out.add(a.toJson()));
      Http.json(ctx, new JsonObject().put("items", out));
    }).onFailure(ctx::fail);
  }

  void addAgenda(RoutingContext ctx) {
    String text = Input.text(Http.body(ctx), "text");
    long pairingId = Http.pathId(ctx, "pairingId");
    s.records().addAgenda(CurrentUser.of(ctx), pairingId, text)
        .onSuccess(a -> Http.created(ctx, "/api/v1/supervision/pairings/" + pairingId + "/agenda", a.toJson())).onFailure(ctx::fail);
  }

  void settings(RoutingContext ctx) {
    s.pairings().graceDays(CurrentUser.of(ctx)).onSuccess(d -> Http.json(ctx, new JsonObject().put("graceDays", d))).onFailure(ctx::fail);
  }

  void changeSettings(RoutingContext ctx) {
    int days = Http.body(ctx).getInteger("graceDays");
    s.pairings().setGraceDays(CurrentUser.of(ctx), days).onSuccess(d -> Http.json(ctx, new JsonObject().put("graceDays", d)))
        .onFailure(ctx::fail);
  }

  static JsonObject basicJson(Pairings.Pairing p) {
    return new JsonObject().put("id", p.id()).put("supervisorId", p.supervisorId()).put("superviseeId", p.superviseeId())
        .put("type", p.type()).put("credential", p.credential()).put("licenceNumber", p.licenceNumber()).put("active", p.active());
  }

  static JsonObject pairingJson(Supervision.PairingStatus st) {
    return basicJson(st.pairing()).put("createdAt", DateTimes.text(st.createdAt())).put("endedAt", Supervision.str(st.endedAt()))
        .put("lastHeld", Supervision.str(st.lastHeld())).put("overdue", st.overdue())
        .put("schedule", st.schedule() == null ? null : st.schedule().toJson())
        .put("agreementVersion", st.agreementVersion()).put("supervisorAcknowledged", st.supervisorAcknowledged())
        .put("superviseeAcknowledged", st.superviseeAcknowledged());
  }

  /** The contract's pattern admits 2026-02-30T10:00 and 0001-01-01T10:00; the calendar and {@link DateTimes#plausible} do not. */
  static LocalDateTime localDateTime(Input in, String field, String raw) {
    return in.localDateTime(field, raw, "must be a local date-time like 2026-03-10T10:00 (in the organization's time zone)");
  }

  static Instant instantParam(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return Instant.now();
    }
    java.time.OffsetDateTime at;
    try {
      at = java.time.OffsetDateTime.parse(raw);
    } catch (DateTimeParseException e) {
      throw AppException.invalid(name, "must be a date-time like 2026-01-31T09:30:00Z");
    }
    if (!DateTimes.plausible(at)) {
      throw AppException.invalid(name, DateTimes.OUT_OF_RANGE);
    }
    return at.toInstant();
  }
}
