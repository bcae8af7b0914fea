package io.mooring.checkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Administrators see team figures only where at least five peers contributed, and nothing individual. */
@ExtendWith(ServerPerClass.class)
class CheckInProgramIT {
  static TestServer server;
  static Fixtures f;
  static long org;
  static long bigTeam;
  static long smallTeam;
  static Fixtures.Person admin;
  static final LocalDate DAY = LocalDate.now().withDayOfMonth(1);

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    f = server.fixtures();
    org = f.anOrganization();
    admin = f.anAdmin(org);
    List<Fixtures.Person> five = new ArrayList<>();
    List<Fixtures.Person> four = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(f.aPeer(org));
    }
    for (int i = 0; i < 4; i++) {
      four.add(f.aPeer(org));
    }
    bigTeam = f.aTeam(org, five.toArray(new Fixtures.Person[0]));
    smallTeam = f.aTeam(org, four.toArray(new Fixtures.Person[0]));
    int drift = 10;
    for (Fixtures.Person p : five) {
      checkIn(p, drift);
      drift += 10;
    }
    for (Fixtures.Person p : four) {
      checkIn(p, 90);
    }
  }

  static void checkIn(Fixtures.Person p, int drift) {
    var res = server.as(p).post("/api/v1/checkins", new JsonObject().put("unit", "percent").put("periodEnd", DAY.toString())
        .put("activities", new JsonObject().put("peer_groups", 100 - drift).put("reception", drift))
        .put("pulses", new JsonObject().put("asked_outside_role", 1).put("felt_included", 4).put("felt_supported", 4).put("role_understood", 4))
        .put("reflection", "peer words").put("shareAnswers", true).put("shareReflection", true));
    assertEquals(201, res.statusCode(), res.bodyAsString());
  }

  static JsonObject team(JsonArray teams, long id) {
    return teams.stream().map(o -> (JsonObject) o).filter(t -> t.getLong("teamId") == id).findFirst().orElseThrow();
  }

  @Test
  void aTeamOfFiveShowsFiguresAndASmallerTeamIsSuppressed() {
    var res = server.as(admin).get("/api/v1/checkins/program");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    JsonArray teams = res.bodyAsJsonObject().getJsonArray("teams");
    JsonObject big = team(teams, bigTeam).getJsonArray("months").getJsonObject(0);
    assertFalse(big.getBoolean("suppressed"));
    assertEquals(5, big.getInteger("peers"));
    assertEquals(30.0, big.getDouble("meanScore"));
    assertEquals(3, big.getInteger("aboveThreshold"));
    JsonObject small = team(teams, smallTeam).getJsonArray("months").getJsonObject(0);
    assertTrue(small.getBoolean("suppressed"));
    assertFalse(small.containsKey("meanScore"));
    assertFalse(small.containsKey("peers"));
    String body = res.bodyAsString();
    assertFalse(body.contains("peerId") || body.contains("peer words") || body.contains("90"), body);
  }

  @Test
  void theProgramPageShowsTheSuppression() {
    var page = server.as(admin).request(io.vertx.core.http.HttpMethod.GET, "/checkins/program").putHeader("Accept", "text/html").send().await();
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("fewer than 5 peers"));
    assertTrue(page.bodyAsString().contains("30.0"));
  }

  @Test
  void onlyAdministratorsSeeProgramFigures() {
    var peer = f.aPeer(org);
    var sup = f.aSupervisor(org);
    assertEquals(403, server.as(peer).get("/api/v1/checkins/program").statusCode());
    assertEquals(403, server.as(sup).get("/api/v1/checkins/program").statusCode());
    var otherAdmin = f.anAdmin(f.anOrganization());
    JsonArray teams = server.as(otherAdmin).get("/api/v1/checkins/program").bodyAsJsonObject().getJsonArray("teams");
    assertTrue(teams.isEmpty(), "another organization's admin sees none of these teams");
  }

  static List<Fixtures.Person> peersWithCheckIns(long orgId, int n, int firstDrift) {
    List<Fixtures.Person> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Fixtures.Person p = f.aPeer(orgId);
      checkIn(p, firstDrift + 10 * i);
      out.add(p);
    }
    return out;
  }

  static JsonObject thisMonth(Fixtures.Person admin, long teamId) {
    var res = server.as(admin).get("/api/v1/checkins/program");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return team(res.bodyAsJsonObject().getJsonArray("teams"), teamId).getJsonArray("months").getJsonObject(0);
  }

  /** Issue 10 item 4: two teams that differ by one peer would give that peer's figures by subtraction. */
  @Test
  void twoTeamsThatDifferByOnePeerAreNotBothShown() {
    long org2 = f.anOrganization();
    Fixtures.Person admin2 = f.anAdmin(org2);
    List<Fixtures.Person> five = peersWithCheckIns(org2, 5, 10);
    Fixtures.Person target = peersWithCheckIns(org2, 1, 80).get(0);
    long a = f.aTeam(org2, five.toArray(new Fixtures.Person[0]));
    List<Fixtures.Person> six = new ArrayList<>(five);
    six.add(target);
    long b = f.aTeam(org2, six.toArray(new Fixtures.Person[0]));
    JsonObject first = thisMonth(admin2, a);
    JsonObject second = thisMonth(admin2, b);
    assertTrue(first.getBoolean("suppressed") || second.getBoolean("suppressed"), first.encode() + " / " + second.encode());
    assertFalse(first.getBoolean("suppressed") && second.getBoolean("suppressed"), "one of them may be shown");
    JsonObject hidden = first.getBoolean("suppressed") ? first : second;
    assertEquals("differs_from_another_figure_by_fewer_than_k_peers", hidden.getString("suppressedBecause"));
    assertFalse(hidden.containsKey("meanScore"));
    var page = server.as(admin2).request(io.vertx.core.http.HttpMethod.GET, "/checkins/program").putHeader("Accept", "text/html").send().await();
    assertTrue(page.bodyAsString().contains("differs from another figure by fewer than 5 peers"), "the page says why");
  }

  /** The same attack over time: read a team, add one peer to it, read it again. */
  @Test
  void changingATeamByOnePeerBetweenTwoReadsHidesTheSecondRead() {
    long org3 = f.anOrganization();
    Fixtures.Person admin3 = f.anAdmin(org3);
    List<Fixtures.Person> five = peersWithCheckIns(org3, 5, 10);
    Fixtures.Person target = peersWithCheckIns(org3, 1, 80).get(0);
    long team = f.aTeam(org3, five.toArray(new Fixtures.Person[0]));
    JsonObject before = thisMonth(admin3, team);
    assertFalse(before.getBoolean("suppressed"), before.encode());
    assertEquals(200, server.as(admin3).put("/api/v1/teams/" + team + "/members/" + target.id(), new JsonObject()).statusCode());
    JsonObject after = thisMonth(admin3, team);
    assertTrue(after.getBoolean("suppressed"), "one peer more than a figure already shown: " + after.encode());
    assertEquals("differs_from_another_figure_by_fewer_than_k_peers", after.getString("suppressedBecause"));
    // Taking the peer out again restores exactly the figure already shown (nothing new is learned).
    assertEquals(200, server.as(admin3).delete("/api/v1/teams/" + team + "/members/" + target.id()).statusCode());
    assertEquals(before, thisMonth(admin3, team));
    // A change of k or more peers is a different group and may be shown.
    for (Fixtures.Person p : peersWithCheckIns(org3, 5, 20)) {
      assertEquals(200, server.as(admin3).put("/api/v1/teams/" + team + "/members/" + p.id(), new JsonObject()).statusCode());
    }
    assertFalse(thisMonth(admin3, team).getBoolean("suppressed"));
  }
}
