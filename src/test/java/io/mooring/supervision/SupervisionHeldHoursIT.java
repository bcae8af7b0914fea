package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 12 item 1: hours come only from sessions that were held, at the time they were held. */
@ExtendWith(ServerPerClass.class)
class SupervisionHeldHoursIT {
  static final ZoneId ZONE = ZoneId.of("America/Chicago");
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization(ZONE.getId());
  }

  record Pair(Fixtures.Person sup, Fixtures.Person peer, long pairing) {}

  static Pair aPair() {
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    return new Pair(sup, peer, server.fixtures().aPairing(sup, peer, "peer"));
  }

  static JsonArray hours(Pair p) {
    var res = server.as(p.peer()).get(API + "/supervisees/" + p.peer().id() + "/hours");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("sessions");
  }

  @Test
  void anUnscheduledSessionStartedByMistakeCountsNothingAndCanBeDiscarded() {
    Pair p = aPair();
    long session = Steps.oneOffSession(server, p.sup(), p.pairing(), OffsetDateTime.now().minusMinutes(5).toString());
    Steps.startRecord(server.as(p.sup()), session);
    assertEquals(0, hours(p).size(), "a draft is not a held session");
    assertEquals("scheduled", server.as(p.sup()).get(API + "/sessions/" + session).bodyAsJsonObject().getString("status"));

    assertEquals(403, server.as(p.peer()).delete(API + "/sessions/" + session).statusCode(), "only the supervisor discards");
    var discarded = server.as(p.sup()).delete(API + "/sessions/" + session);
    assertEquals(204, discarded.statusCode(), discarded.bodyAsString());
    assertEquals(404, server.as(p.sup()).get(API + "/sessions/" + session).statusCode());
    assertEquals(0, hours(p).size());
  }

  @Test
  void aDraftCanBeDiscardedOrTheSessionMarkedMissed() {
    Pair p = aPair();
    long first = Steps.oneOffSession(server, p.sup(), p.pairing(), OffsetDateTime.now().minusHours(2).toString());
    Steps.startRecord(server.as(p.sup()), first);
    assertEquals(204, server.as(p.sup()).delete(API + "/sessions/" + first + "/record").statusCode());
    assertEquals(404, server.as(p.sup()).get(API + "/sessions/" + first + "/record").statusCode());
    Steps.startRecord(server.as(p.sup()), first);
    var missed = server.as(p.sup()).patch(API + "/sessions/" + first, new JsonObject().put("status", "missed"));
    assertEquals(200, missed.statusCode(), missed.bodyAsString());
    assertEquals(404, server.as(p.sup()).get(API + "/sessions/" + first + "/record").statusCode(), "marking it missed drops the draft");
    assertEquals(0, hours(p).size());
  }

  @Test
  void aSessionBookedForALaterDayIsNotHeldToday() {
    Pair p = aPair();
    String first = LocalDate.now(ZONE).plusDays(2).atTime(10, 0).toString();
    var sch = server.as(p.sup()).put(API + "/pairings/" + p.pairing() + "/schedule", new JsonObject().put("cadence", "weekly")
        .put("firstStart", first).put("durationMinutes", 60).put("modality", "video"));
    assertEquals(200, sch.statusCode(), sch.bodyAsString());
    var made = server.as(p.sup()).post(API + "/pairings/" + p.pairing() + "/sessions", new JsonObject().put("occurrence", first));
    assertEquals(201, made.statusCode(), made.bodyAsString());
    long session = made.bodyAsJsonObject().getLong("id");

    var early = server.as(p.sup()).post(API + "/sessions/" + session + "/record", new JsonObject());
    assertEquals(409, early.statusCode(), early.bodyAsString());
    assertTrue(early.bodyAsJsonObject().getString("detail").contains("move it to now"), early.bodyAsString());
    var heldEarly = server.as(p.sup()).patch(API + "/sessions/" + session, new JsonObject().put("status", "held"));
    assertEquals(400, heldEarly.statusCode(), heldEarly.bodyAsString());
    assertEquals(0, hours(p).size());

    // Moved to now on purpose, it is held now and counts in this month.
    String now = OffsetDateTime.now().minusMinutes(1).toString();
    assertEquals(200, server.as(p.sup()).patch(API + "/sessions/" + session, new JsonObject().put("startsAt", now)).statusCode());
    String etag = Steps.startRecord(server.as(p.sup()), session);
    String startsAt = server.as(p.sup()).get(API + "/sessions/" + session + "/record").bodyAsJsonObject()
        .getJsonObject("content").getJsonObject("session").getString("startsAt");
    Steps.writeAndSign(server.as(p.sup()), session, etag, Steps.content(startsAt));
    JsonArray lines = hours(p);
    assertEquals(1, lines.size(), lines.encode());
    assertEquals(LocalDate.now(ZONE).toString(), lines.getJsonObject(0).getString("date"));
  }

  @Test
  void aRecordCannotBeSignedForATimeStillToCome() {
    Pair p = aPair();
    long session = Steps.oneOffSession(server, p.sup(), p.pairing(), OffsetDateTime.now().minusMinutes(30).toString());
    String etag = Steps.startRecord(server.as(p.sup()), session);
    var saved = Steps.put(server.as(p.sup()), session, etag, Steps.content(OffsetDateTime.now().plusDays(3).toString()));
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    var signed = Steps.finalizeRecord(server.as(p.sup()), session, saved.getHeader("ETag"));
    assertEquals(400, signed.statusCode(), signed.bodyAsString());
    assertEquals("session.startsAt", signed.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(0, hours(p).size());
  }
}
