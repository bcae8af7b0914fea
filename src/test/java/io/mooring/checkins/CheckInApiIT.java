package io.mooring.checkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ServerPerClass.class)
class CheckInApiIT {
  static TestServer server;
  static Fixtures f;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    f = server.fixtures();
    org = f.anOrganization();
  }

  static JsonObject pulses(int outside, int supported) {
    return new JsonObject().put("asked_outside_role", outside).put("felt_included", 4).put("felt_supported", supported)
        .put("role_understood", 4);
  }

  /** 60% in role, 40% drift (score 40) unless told otherwise. */
  static JsonObject body(int drift) {
    return new JsonObject().put("unit", "percent")
        .put("activities", new JsonObject().put("lived_experience", 100 - drift).put("filing", drift))
        .put("pulses", pulses(1, 4)).put("reflection", "My private thoughts about the fortnight");
  }

  static JsonObject create(Fixtures.Person peer, JsonObject body) {
    var res = server.as(peer).post("/api/v1/checkins", body);
    assertEquals(201, res.statusCode(), res.bodyAsString());
    assertNotNull(res.getHeader("Location"));
    return res.bodyAsJsonObject();
  }

  static List<String> kinds(JsonObject checkIn) {
    return checkIn.getJsonArray("flags").stream().map(o -> ((JsonObject) o).getString("kind")).toList();
  }

  @Test
  void thePeerSeesEverythingTheyEntered() {
    var peer = f.aPeer(org);
    JsonObject c = create(peer, body(40));
    assertEquals(40.0, c.getDouble("score"));
    assertEquals(1, c.getInteger("instrumentVersion"));
    assertEquals(List.of("threshold"), kinds(c));
    var got = server.as(peer).get("/api/v1/checkins/" + c.getLong("id")).bodyAsJsonObject();
    assertEquals("My private thoughts about the fortnight", got.getString("reflection"));
    assertEquals(40.0, got.getJsonObject("answers").getJsonObject("shares").getDouble("filing"));
    var history = server.as(peer).get("/api/v1/checkins").bodyAsJsonObject();
    assertEquals(1, history.getJsonArray("items").size());
    assertEquals("ok", history.getJsonObject("due").getString("state"));
  }

  @Test
  void aCurrentSupervisorSeesScoreAndFlagsAndOnlyWhatIsShared() {
    var peer = f.aPeer(org);
    var sup = f.aSupervisor(org);
    f.aPairing(sup, peer, "peer");
    long id = create(peer, body(30)).getLong("id");
    var seen = server.as(sup).get("/api/v1/checkins/" + id);
    assertEquals(200, seen.statusCode());
    JsonObject o = seen.bodyAsJsonObject();
    assertEquals(30.0, o.getDouble("score"));
    assertEquals(List.of("threshold"), kinds(o));
    assertFalse(o.containsKey("answers"), "answers are private by default");
    assertFalse(o.containsKey("reflection"), "reflection is private by default");
    assertFalse(seen.bodyAsString().contains("private thoughts"));

    var changed = server.as(peer).patch("/api/v1/checkins/" + id + "/sharing", new JsonObject().put("shareAnswers", true));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    o = server.as(sup).get("/api/v1/checkins/" + id).bodyAsJsonObject();
    assertEquals(30.0, o.getJsonObject("answers").getJsonObject("shares").getDouble("filing"));
    assertFalse(o.containsKey("reflection"));

    server.as(peer).patch("/api/v1/checkins/" + id + "/sharing", new JsonObject().put("shareReflection", true).put("shareAnswers", false));
    o = server.as(sup).get("/api/v1/checkins/" + id).bodyAsJsonObject();
    assertEquals("My private thoughts about the fortnight", o.getString("reflection"));
    assertFalse(o.containsKey("answers"));

    var trend = server.as(sup).get("/api/v1/checkins/people/" + peer.id());
    assertEquals(200, trend.statusCode());
    assertEquals(1, trend.bodyAsJsonObject().getJsonArray("openFlags").size());
    assertFalse(trend.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).containsKey("answers"));
  }

  @Test
  void nobodyElseSeesAnythingIndividual() {
    var peer = f.aPeer(org);
    var former = f.aSupervisor(org);
    f.endPairing(f.aPairing(former, peer, "peer"));
    var unpaired = f.aSupervisor(org);
    var strangerPeer = f.aPeer(org);
    var admin = f.anAdmin(org);
    long otherOrg = f.anOrganization();
    var outsider = f.aPerson(otherOrg, "admin", "supervisor", "peer");
    JsonObject b = body(50).put("shareAnswers", true).put("shareReflection", true);
    long id = create(peer, b).getLong("id");
    for (Fixtures.Person who : List.of(former, unpaired, strangerPeer, admin, outsider)) {
      var one = server.as(who).get("/api/v1/checkins/" + id);
      assertEquals(404, one.statusCode(), who.displayName());
      assertFalse(one.bodyAsString().contains("private thoughts"));
      assertEquals(404, server.as(who).get("/api/v1/checkins/people/" + peer.id()).statusCode(), who.displayName());
      assertEquals(404, server.as(who).patch("/api/v1/checkins/" + id + "/sharing", new JsonObject().put("shareAnswers", false)).statusCode());
      var rate = server.as(who).put("/api/v1/checkins/" + id + "/supervisor-rating",
          new JsonObject().put("unit", "percent").put("activities", new JsonObject().put("peer_groups", 100)));
      assertEquals(404, rate.statusCode(), who.displayName());
      var own = server.as(who).get("/api/v1/checkins").bodyAsJsonObject().getJsonArray("items");
      assertTrue(own.isEmpty(), "history lists only one's own check-ins");
    }
    assertEquals(401, server.anonymous().get("/api/v1/checkins/" + id).statusCode());
  }

  @Test
  void invalidCheckInsAre400NamingTheFields() {
    var peer = f.aPeer(org);
    JsonObject b = body(40);
    b.getJsonObject("activities").put("bogus", 5);
    var res = server.as(peer).post("/api/v1/checkins", b);
    assertEquals(400, res.statusCode());
    assertTrue(res.getHeader("Content-Type").startsWith("application/problem+json"));
    assertTrue(res.bodyAsString().contains("\"field\":\"activities.bogus\""), res.bodyAsString());

    var total = server.as(peer).post("/api/v1/checkins", body(40).put("activities", new JsonObject().put("filing", 90)));
    assertEquals(400, total.statusCode());
    assertTrue(total.bodyAsString().contains("\"field\":\"activities\""), total.bodyAsString());
    var pulse = server.as(peer).post("/api/v1/checkins", body(40).put("pulses", pulses(9, 4)));
    assertTrue(pulse.bodyAsString().contains("\"field\":\"pulses.asked_outside_role\""), pulse.bodyAsString());
    assertEquals(400, server.as(peer).post("/api/v1/checkins", new JsonObject()).statusCode());
    var notJson = server.as(peer).send(io.vertx.core.http.HttpMethod.POST, "/api/v1/checkins", "application/json",
        io.vertx.core.buffer.Buffer.buffer("[1,2"));
    assertEquals(400, notJson.statusCode());
  }

  @Test
  void onlyPeersCheckInAndOnePerPeriod() {
    var sup = f.aSupervisor(org);
    assertEquals(403, server.as(sup).post("/api/v1/checkins", body(10)).statusCode());
    var peer = f.aPeer(org);
    String day = LocalDate.now().minusDays(3).toString();
    create(peer, body(10).put("periodEnd", day));
    var again = server.as(peer).post("/api/v1/checkins", body(20).put("periodEnd", day));
    assertEquals(409, again.statusCode());
    // The probe found a bare "That already exists.": say which period, on the field the peer chose.
    assertEquals("application/problem+json", again.getHeader("Content-Type"));
    JsonObject problem = again.bodyAsJsonObject();
    assertTrue(problem.getString("detail").contains("already have a check-in") && problem.getString("detail").contains(day), again.bodyAsString());
    assertTrue(problem.getJsonArray("errors").stream().map(JsonObject.class::cast).anyMatch(e -> "periodEnd".equals(e.getString("field"))),
        again.bodyAsString());
  }

  @Test
  void scoresRisingThreeTimesInARowAreFlagged() {
    var peer = f.aPeer(org);
    LocalDate start = LocalDate.now().minusDays(60);
    int[] scores = {5, 10, 15, 20};
    JsonObject last = null;
    for (int i = 0; i < scores.length; i++) {
      last = create(peer, body(scores[i]).put("periodEnd", start.plusDays(14L * i).toString()));
      if (i < 3) {
        assertFalse(kinds(last).contains("rising"), "not yet at check-in " + i);
      }
    }
    assertEquals(List.of("rising"), kinds(last));
  }

  @Test
  void medicationIsAlwaysFlaggedAndPulsesRaiseFlags() {
    var peer = f.aPeer(org);
    JsonObject b = body(0).put("activities", new JsonObject().put("peer_groups", 99).put("medication", 1))
        .put("pulses", pulses(5, 1)).put("discuss", true);
    JsonObject c = create(peer, b);
    assertEquals(1.0, c.getDouble("score"));
    assertEquals(List.of("medication", "asked_outside_role", "not_supported", "discuss"), kinds(c));
  }

  @Test
  void theOrganizationThresholdAndCadenceApply() {
    long org2 = f.anOrganization();
    var admin = f.anAdmin(org2);
    var peer = f.aPeer(org2);
    assertEquals(25, server.as(admin).get("/api/v1/checkins/settings").bodyAsJsonObject().getInteger("threshold"));
    var set = server.as(admin).patch("/api/v1/checkins/settings", new JsonObject().put("threshold", 10).put("cadenceDays", 7));
    assertEquals(200, set.statusCode(), set.bodyAsString());
    assertEquals(400, server.as(admin).patch("/api/v1/checkins/settings", new JsonObject().put("threshold", 101)).statusCode());
    assertEquals(403, server.as(peer).patch("/api/v1/checkins/settings", new JsonObject().put("threshold", 90)).statusCode());
    assertEquals(List.of("threshold"), kinds(create(peer, body(15).put("periodEnd", LocalDate.now().minusDays(10).toString()))));
    var due = server.as(peer).get("/api/v1/checkins").bodyAsJsonObject().getJsonObject("due");
    assertEquals("overdue", due.getString("state"), "7-day cadence, last check-in 10 days ago");
    assertEquals(25, server.as(f.anAdmin(org)).get("/api/v1/checkins/settings").bodyAsJsonObject().getInteger("threshold"),
        "settings belong to one organization");
  }

  @Test
  void aSupervisorRatesTheSamePeriodAndBothSeeItSideBySide() {
    var peer = f.aPeer(org);
    var sup = f.aSupervisor(org);
    var other = f.aSupervisor(org);
    f.aPairing(sup, peer, "peer");
    f.aPairing(other, peer, "clinical");
    long id = create(peer, body(10)).getLong("id");
    var rated = server.as(sup).put("/api/v1/checkins/" + id + "/supervisor-rating", new JsonObject().put("unit", "hours")
        .put("activities", new JsonObject().put("lived_experience", 10).put("driving", 10)));
    assertEquals(200, rated.statusCode(), rated.bodyAsString());
    assertEquals(50.0, rated.bodyAsJsonObject().getDouble("score"));
    JsonArray peerSees = server.as(peer).get("/api/v1/checkins/" + id).bodyAsJsonObject().getJsonArray("supervisorRatings");
    assertEquals(1, peerSees.size());
    assertEquals(1, server.as(sup).get("/api/v1/checkins/" + id).bodyAsJsonObject().getJsonArray("supervisorRatings").size());
    assertEquals(0, server.as(other).get("/api/v1/checkins/" + id).bodyAsJsonObject().getJsonArray("supervisorRatings").size(),
        "another supervisor's rating is between that supervisor and the peer");
    var bad = server.as(sup).put("/api/v1/checkins/" + id + "/supervisor-rating",
        new JsonObject().put("unit", "percent").put("activities", new JsonObject().put("nope", 100)));
    assertTrue(bad.bodyAsString().contains("activities.nope"));
    assertEquals(409, server.as(peer).put("/api/v1/checkins/" + id + "/supervisor-rating", new JsonObject().put("unit", "percent")
        .put("activities", new JsonObject().put("peer_groups", 100))).statusCode(), "a peer does not rate themself as supervisor");
  }

  @Test
  void theInstrumentIsPublishedWithItsFormula() {
    var res = server.as(f.aPeer(org)).get("/api/v1/checkins/instrument").bodyAsJsonObject();
    assertEquals(1, res.getInteger("version"));
    assertNotNull(res.getString("scoreFormula"));
    assertEquals(8, res.getJsonArray("flagRules").size());
  }

  @Test
  void noDueDateMeansACheckInIsDue() {
    var due = server.as(f.aPeer(org)).get("/api/v1/checkins").bodyAsJsonObject().getJsonObject("due");
    assertEquals("never", due.getString("state"));
    assertNull(due.getString("lastPeriodEnd"));
  }

}
