package io.mooring.supervision;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.calendar.Recurrence;
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
import java.util.Set;

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
    Input in = Input.of(Http.body(ctx)).only("supervisorId", "superviseeId", "type", "credential", "licenceNumber");
    var cmd = new PairingService.NewPairing(orZero(in.id("supervisorId")), orZero(in.id("superviseeId")),
        in.oneOf("type", Set.of("peer", "clinical", "administrative")), in.optionalString("credential", 120),
        in.optionalString("licenceNumber", 60));
    in.check();
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
    Input in = Input.of(Http.body(ctx)).only("cadence", "confidentiality", "expectations");
    var cmd = new PairingService.NewAgreement(in.string("cadence", 1, 500), in.string("confidentiality", 1, 4000),
        in.string("expectations", 1, 4000));
    in.check();
    s.pairings().setAgreement(CurrentUser.of(ctx), Http.pathId(ctx, "pairingId"), cmd)
        .onSuccess(a -> Http.json(ctx, a.toJson())).onFailure(ctx::fail);
  }

  void acknowledgeAgreement(RoutingContext ctx) {
    Input in = Input.of(Http.body(ctx)).only("version");
    Integer version = in.integer("version", 1, Integer.MAX_VALUE);
    in.check();
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
    Input in = Input.of(body).only("cadence", "rrule", "firstStart", "durationMinutes", "modality");
    String cadence = in.oneOf("cadence", Recurrence.CADENCES);
    String rrule = in.optionalString("rrule", 300);
    LocalDateTime first = localDateTime(in, "firstStart", true);
    Integer minutes = in.integer("durationMinutes", 10, 480);
    String modality = in.oneOf("modality", RecordContent.MODALITIES);
    in.check();
    return new PairingService.NewSchedule(cadence, rrule, first, minutes, modality);
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
    Input in = Input.of(Http.body(ctx)).only("occurrence", "startsAt", "durationMinutes", "modality", "type");
    LocalDateTime occurrence = localDateTime(in, "occurrence", false);
    var cmd = new SessionService.NewSession(occurrence, in.optionalDateTime("startsAt"), in.optionalInteger("durationMinutes", 10, 480),
        in.has("modality") ? in.oneOf("modality", RecordContent.MODALITIES) : null,
        in.has("type") ? in.oneOf("type", RecordContent.SESSION_TYPES) : null);
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
    Input in = Input.of(Http.body(ctx)).only("text");
    String text = in.string("text", 1, 1000);
    in.check();
    long pairingId = Http.pathId(ctx, "pairingId");
    s.records().addAgenda(CurrentUser.of(ctx), pairingId, text)
        .onSuccess(a -> Http.created(ctx, "/api/v1/supervision/pairings/" + pairingId + "/agenda", a.toJson())).onFailure(ctx::fail);
  }

  void settings(RoutingContext ctx) {
    s.pairings().graceDays(CurrentUser.of(ctx)).onSuccess(d -> Http.json(ctx, new JsonObject().put("graceDays", d))).onFailure(ctx::fail);
  }

  void changeSettings(RoutingContext ctx) {
    Input in = Input.of(Http.body(ctx)).only("graceDays");
    Integer days = in.integer("graceDays", 0, 90);
    in.check();
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

  static LocalDateTime localDateTime(Input in, String field, boolean required) {
    String raw = in.optionalString(field, 40);
    if (raw == null) {
      if (required) {
        in.fail(field, "is required");
      }
      return null;
    }
    try {
      return LocalDateTime.parse(raw);
    } catch (DateTimeParseException e) {
      in.fail(field, "must be a local date-time like 2026-03-10T10:00 (in the organization's time zone)");
      return null;
    }
  }

  static Instant instantParam(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return Instant.now();
    }
    try {
      return java.time.OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      throw AppException.invalid(name, "must be a date-time like 2026-01-31T09:30:00Z");
    }
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }

}
