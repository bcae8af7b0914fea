package io.mooring.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ServerPerClass.class)
class PeopleAdminApiIT {
  static TestServer server;
  static long org;
  static Fixtures.Person admin;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
    admin = server.fixtures().anAdmin(org);
  }

  @Test
  void anAdminCreatesAPersonWhoCanThenSignIn() {
    var res = server.as(admin).post("/api/v1/users", new JsonObject()
        .put("email", "New.Peer@Example.test").put("displayName", "New Peer")
        .put("roles", new JsonArray().add("peer")).put("password", "a-long-enough-password"));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    assertNotNull(res.getHeader("Location"));
    assertEquals("new.peer@example.test", res.bodyAsJsonObject().getString("email"));
    var login = server.anonymous().post("/api/v1/auth/login",
        new JsonObject().put("email", "new.peer@example.test").put("password", "a-long-enough-password"));
    assertEquals(200, login.statusCode());
  }

  @Test
  void duplicateEmailIsAConflict() {
    Fixtures.Person p = server.fixtures().aPeer(org);
    var res = server.as(admin).post("/api/v1/users", new JsonObject()
        .put("email", p.email()).put("displayName", "Again").put("roles", new JsonArray().add("peer")).put("password", "a-long-enough-password"));
    assertEquals(409, res.statusCode());
  }

  @Test
  void invalidPersonNamesEveryBadField() {
    var res = server.as(admin).post("/api/v1/users", new JsonObject()
        .put("email", "not-an-email").put("displayName", "").put("roles", new JsonArray().add("wizard")).put("password", "short")
        .put("shoeSize", 42));
    assertEquals(400, res.statusCode());
    String body = res.bodyAsString();
    for (String field : new String[] {"email", "displayName", "roles[0]", "password", "shoeSize"}) {
      assertTrue(body.contains("\"field\":\"" + field + "\""), field + " missing from " + body);
    }
  }

  @Test
  void nonAdminsCannotManagePeople() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    JsonObject body = new JsonObject().put("email", "x@example.test").put("displayName", "X")
        .put("roles", new JsonArray().add("admin")).put("password", "a-long-enough-password");
    assertEquals(403, server.as(peer).post("/api/v1/users", body).statusCode());
    assertEquals(403, server.as(sup).patch("/api/v1/users/" + peer.id(), new JsonObject().put("roles", new JsonArray().add("admin"))).statusCode());
  }

  @Test
  void roleChangesAreAuditedAndTakeEffectAtOnce() {
    Fixtures.Person p = server.fixtures().aPeer(org);
    var api = server.as(p);
    assertEquals(403, api.get("/api/v1/audit").statusCode());
    var res = server.as(admin).patch("/api/v1/users/" + p.id(), new JsonObject().put("roles", new JsonArray().add("peer").add("admin")));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    var audit = api.get("/api/v1/audit");
    assertEquals(200, audit.statusCode());
    assertTrue(audit.bodyAsString().contains("user.roles_changed"));
  }

  @Test
  void peopleInOtherOrganizationsAreInvisible() {
    long otherOrg = server.fixtures().anOrganization();
    Fixtures.Person stranger = server.fixtures().aPeer(otherOrg);
    assertEquals(404, server.as(admin).get("/api/v1/users/" + stranger.id()).statusCode());
    assertEquals(404, server.as(admin).patch("/api/v1/users/" + stranger.id(), new JsonObject().put("active", false)).statusCode());
    String list = server.as(admin).get("/api/v1/users").bodyAsString();
    assertFalse(list.contains(stranger.email()));
  }

  @Test
  void colleaguesSeeNamesButNotRoles() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    Fixtures.Person colleague = server.fixtures().aSupervisor(org);
    var res = server.as(colleague).get("/api/v1/users/" + peer.id());
    assertEquals(200, res.statusCode());
    assertFalse(res.bodyAsJsonObject().containsKey("roles"), "the peer role itself is a disclosure");
  }

  @Test
  void teamsAndMembership() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    var created = server.as(admin).post("/api/v1/teams", new JsonObject().put("name", "Outreach " + peer.id()));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long teamId = created.bodyAsJsonObject().getLong("id");
    var added = server.as(admin).put("/api/v1/teams/" + teamId + "/members/" + peer.id(), new JsonObject());
    assertEquals(200, added.statusCode(), added.bodyAsString());
    assertTrue(Api.ids(added.bodyAsJsonObject().getJsonArray("memberIds")).contains(peer.id()));
    var me = server.as(peer).get("/api/v1/me").bodyAsJsonObject();
    assertTrue(Api.ids(me.getJsonArray("teamIds")).contains(teamId));
    var removed = server.as(admin).delete("/api/v1/teams/" + teamId + "/members/" + peer.id());
    assertFalse(Api.ids(removed.bodyAsJsonObject().getJsonArray("memberIds")).contains(peer.id()));
  }

  @Test
  void findManyReturnsExactlyThoseInTheOrganization() {
    Fixtures.Person a = server.fixtures().aPeer(org);
    Fixtures.Person b = server.fixtures().aSupervisor(org);
    Fixtures.Person elsewhere = server.fixtures().aPeer(server.fixtures().anOrganization());
    var found = server.services().people().findMany(org, java.util.List.of(a.id(), b.id(), elsewhere.id())).await();
    assertEquals(java.util.Set.of(a.id(), b.id()), found.stream().map(Person::id).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void onlyIanaRegionsThatCalendarsKnowAreAcceptedAsTheOrganizationsZone() {
    long own = server.fixtures().anOrganization("America/Chicago");
    Fixtures.Person boss = server.fixtures().anAdmin(own);
    for (String zone : new String[] {"+05:00", "Z", "UTC+05:00", "GMT-03:00", "SystemV/EST5", "America/Nowhere", "america/chicago"}) {
      var res = server.as(boss).patch("/api/v1/organization", new JsonObject().put("name", "Harbor").put("timeZone", zone));
      assertEquals(400, res.statusCode(), zone + ": " + res.bodyAsString());
      assertTrue(res.bodyAsString().contains("\"field\":\"timeZone\""), zone + ": " + res.bodyAsString());
      assertEquals("America/Chicago", server.as(boss).get("/api/v1/organization").bodyAsJsonObject().getString("timeZone"), zone);
      assertThrows(io.mooring.platform.http.AppException.class, () -> server.services().people()
          .bootstrap("Harbor", zone, "first-admin@example.test", "First Admin", "a long enough password"), "create-admin --time-zone " + zone);
    }
    for (String zone : new String[] {"UTC", "Etc/UTC", "GMT0", "Europe/Berlin", "America/Chicago"}) {
      var res = server.as(boss).patch("/api/v1/organization", new JsonObject().put("name", "Harbor").put("timeZone", zone));
      assertEquals(200, res.statusCode(), zone + ": " + res.bodyAsString());
      assertEquals(zone, res.bodyAsJsonObject().getString("timeZone"));
    }
  }

  @Test
  void adminsCannotLockThemselvesOut() {
    var res = server.as(admin).patch("/api/v1/users/" + admin.id(), new JsonObject().put("active", false));
    assertEquals(409, res.statusCode());
  }

  /** Probe finding: a name must show something and carry no control, line-break or direction-override characters. */
  @Test
  void displayNamesMustBeVisibleTextOnOneLine() {
    Fixtures.Person p = server.fixtures().aPeer(org);
    for (String bad : new String[] {"\u200b\u2060", "Sam\u202eeL", "Sam\r\nLee", "Sam\u0007", "\u00a0\u3000"}) {
      var patch = server.as(admin).patch("/api/v1/users/" + p.id(), new JsonObject().put("displayName", bad));
      assertEquals(400, patch.statusCode(), bad + " " + patch.bodyAsString());
      assertTrue(patch.bodyAsString().contains("\"field\":\"displayName\""), patch.bodyAsString());
      var create = server.as(admin).post("/api/v1/users", new JsonObject().put("email", "n" + bad.hashCode() + "@example.test")
          .put("displayName", bad).put("roles", new JsonArray().add("peer")).put("password", "a-long-enough-password"));
      assertEquals(400, create.statusCode(), bad + " " + create.bodyAsString());
      assertTrue(create.bodyAsString().contains("\"field\":\"displayName\""), create.bodyAsString());
    }
    assertEquals(p.displayName(), server.as(admin).get("/api/v1/users/" + p.id()).bodyAsJsonObject().getString("displayName"));
    var fine = server.as(admin).patch("/api/v1/users/" + p.id(), new JsonObject().put("displayName", "Zoë O\u2019Brien-\u0645\u0631\u064a\u0645"));
    assertEquals(200, fine.statusCode(), fine.bodyAsString());
  }
}
