package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Only members read or post: everyone else — whatever their role or organization — is told nothing exists. */
@ExtendWith(ServerPerClass.class)
class CirclePrivacyIT {
  static TestServer server;
  static Vertx vertx;
  static long org;
  static Fixtures.Person fac;
  static Fixtures.Person member;
  static long circle;
  static final String SECRET = "something only members may read";

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    vertx = started.vertx();
    org = server.fixtures().anOrganization();
    fac = server.fixtures().aPeer(org);
    member = server.fixtures().aPeer(org);
    circle = server.fixtures().aCircle(org, fac, member);
    try (LiveClient c = LiveClient.connect(vertx, server.port(), server.fixtures().tokenFor(member), circle, null)) {
      c.send(LiveClient.send("s-1", SECRET));
      c.next("ack");
    }
  }

  List<Fixtures.Person> strangers() {
    Fixtures f = server.fixtures();
    return List.of(f.aPeer(org), f.aSupervisor(org), f.anAdmin(org), f.aPerson(org, "admin", "supervisor"),
        f.aPeer(f.anOrganization()));
  }

  @Test
  void strangersSeeNoMessagesMembersOrCircleAndCannotConnect() {
    for (Fixtures.Person p : strangers()) {
      var api = server.as(p);
      for (String path : List.of("", "/messages", "/messages?after=0", "/members", "/reports", "/requests")) {
        var res = api.get("/api/v1/circles/" + circle + path);
        assertEquals(404, res.statusCode(), p.displayName() + " " + path);
        assertFalse(res.bodyAsString().contains(SECRET));
      }
      assertEquals(404, api.put("/api/v1/circles/" + circle + "/read", new JsonObject().put("seq", 1)).statusCode());
      assertEquals(404, api.post("/api/v1/circles/" + circle + "/messages/1/reports", new JsonObject().put("reason", "x")).statusCode());
      assertFalse(api.get("/api/v1/circles").bodyAsString().contains(String.valueOf("\"id\":" + circle + ",")),
          p.displayName() + " does not see an invite-only circle listed");
      assertEquals(404, LiveClient.status(vertx, server.port(), server.fixtures().tokenFor(p), circle, null, null), p.displayName());
    }
    assertEquals(401, LiveClient.status(vertx, server.port(), null, circle, null, null));
  }

  /** Issue 11: a plain GET of the socket's address was a text/plain 400 logged as a server error. */
  @Test
  void aPlainGetOfTheLiveAddressIsA426ProblemNamingTheUpgrade() {
    var res = server.as(member).get("/api/v1/circles/" + circle + "/live");
    assertEquals(426, res.statusCode(), res.bodyAsString());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
    assertEquals("websocket", res.getHeader("Upgrade"));
    assertTrue(res.bodyAsJsonObject().getString("detail").contains("Upgrade: websocket"), res.bodyAsString());
  }

  @Test
  void adminsAndSupervisorsCannotJoinEvenOpenCircles() {
    var open = server.as(fac).post("/api/v1/circles", new JsonObject().put("name", "Open one").put("joinPolicy", "open"));
    assertEquals(201, open.statusCode(), open.bodyAsString());
    long id = open.bodyAsJsonObject().getLong("id");
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person admin = server.fixtures().anAdmin(org);
    for (Fixtures.Person p : List.of(sup, admin)) {
      assertEquals(404, server.as(p).post("/api/v1/circles/" + id + "/join", new JsonObject().put("acceptGroundRules", true)).statusCode());
      assertEquals(403, server.as(p).post("/api/v1/circles", new JsonObject().put("name", "Mine")).statusCode());
    }
    Fixtures.Person peer = server.fixtures().aPeer(org);
    assertEquals(400, server.as(peer).post("/api/v1/circles/" + id + "/join", new JsonObject()).statusCode(), "ground rules must be accepted");
    assertEquals(200, server.as(peer).post("/api/v1/circles/" + id + "/join", new JsonObject().put("acceptGroundRules", true)).statusCode());
    assertEquals(200, server.as(peer).get("/api/v1/circles/" + id + "/messages").statusCode());
  }

  @Test
  void aRemovedMemberIsDisconnectedAtOnceAndLosesAccess() {
    Fixtures.Person gone = server.fixtures().aPeer(org);
    assertEquals(204, server.as(fac).put("/api/v1/circles/" + circle + "/invitations/" + gone.id(), new JsonObject()).statusCode());
    assertEquals(200, server.as(gone).post("/api/v1/circles/" + circle + "/join", new JsonObject().put("acceptGroundRules", true)).statusCode());
    String token = server.fixtures().tokenFor(gone);
    try (LiveClient c = LiveClient.connect(vertx, server.port(), token, circle, 0L)) {
      assertEquals(SECRET, c.next("message").getString("body"));
      assertEquals(403, server.as(member).delete("/api/v1/circles/" + circle + "/members/" + gone.id()).statusCode(), "members cannot remove");
      assertEquals(204, server.as(fac).delete("/api/v1/circles/" + circle + "/members/" + gone.id()).statusCode());
      assertTrue(c.waitClosed(5000), "the socket closes");
      assertEquals((short) 4403, c.closeCode);
    }
    assertEquals(404, server.as(gone).get("/api/v1/circles/" + circle + "/messages").statusCode());
    assertEquals(404, LiveClient.status(vertx, server.port(), token, circle, null, null));
  }

  @Test
  void leavingClosesTheSocketAndMutedMembersCannotPost() {
    Fixtures.Person p = server.fixtures().aPeer(org);
    long c = server.fixtures().aCircle(org, fac, p, member);
    assertEquals(204, server.as(fac).patch("/api/v1/circles/" + c + "/members/" + p.id(), new JsonObject().put("muted", true)).statusCode());
    try (LiveClient s = LiveClient.connect(vertx, server.port(), server.fixtures().tokenFor(p), c, null)) {
      s.send(LiveClient.send("m-1", "can I speak?"));
      assertEquals("forbidden", s.next("error").getString("code"));
      assertEquals(204, server.as(p).post("/api/v1/circles/" + c + "/leave", new JsonObject()).statusCode());
      assertTrue(s.waitClosed(5000));
    }
  }

  @Test
  void requestsNeedAFacilitatorsApprovalAndReportsHideTheReporterFromTheAuthor() {
    var res = server.as(fac).post("/api/v1/circles", new JsonObject().put("name", "By request").put("joinPolicy", "request")
        .put("groundRules", "What is said here stays here."));
    long id = res.bodyAsJsonObject().getLong("id");
    Fixtures.Person asker = server.fixtures().aPeer(org);
    assertEquals(202, server.as(asker).post("/api/v1/circles/" + id + "/join", new JsonObject().put("acceptGroundRules", true)).statusCode());
    assertEquals(404, server.as(asker).get("/api/v1/circles/" + id + "/messages").statusCode(), "pending is not a member");
    assertEquals(asker.id(), server.as(fac).get("/api/v1/circles/" + id + "/requests").bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0).getLong("userId"));
    assertEquals(204, server.as(fac).post("/api/v1/circles/" + id + "/requests/" + asker.id() + "/approve", new JsonObject()).statusCode());
    assertEquals(200, server.as(asker).get("/api/v1/circles/" + id + "/messages").statusCode());

    long messageId = server.as(member).get("/api/v1/circles/" + circle + "/messages").bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0).getLong("id");
    Fixtures.Person reporter = server.fixtures().aPeer(org);
    server.as(fac).put("/api/v1/circles/" + circle + "/invitations/" + reporter.id(), new JsonObject());
    server.as(reporter).post("/api/v1/circles/" + circle + "/join", new JsonObject().put("acceptGroundRules", true));
    assertEquals(201, server.as(reporter).post("/api/v1/circles/" + circle + "/messages/" + messageId + "/reports",
        new JsonObject().put("reason", "This worried me")).statusCode());
    var reports = server.as(fac).get("/api/v1/circles/" + circle + "/reports");
    assertEquals(messageId, reports.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("messageId"));
    assertFalse(reports.bodyAsString().contains(reporter.displayName()), "the reporter stays anonymous, facilitators included");
    assertEquals(403, server.as(member).get("/api/v1/circles/" + circle + "/reports").statusCode(), "the author cannot see reports");
  }

  @Test
  void cookieSocketsMustComeFromTheServersOwnOrigin() {
    var login = server.anonymous().post("/api/v1/auth/login", new JsonObject().put("email", member.email()).put("password", Fixtures.PASSWORD));
    String token = login.bodyAsJsonObject().getString("token");
    String own = "http://localhost:" + server.port();
    assertEquals(403, LiveClient.status(vertx, server.port(), null, circle, "https://evil.example", token));
    assertEquals(403, LiveClient.status(vertx, server.port(), null, circle, null, token));
    assertEquals(101, LiveClient.status(vertx, server.port(), null, circle, own, token));
  }

  @Test
  void crisisResourcesAreSetByAdminsAndShownInTheCircle() {
    Fixtures.Person admin = server.fixtures().anAdmin(org);
    assertEquals(403, server.as(member).put("/api/v1/circle-crisis-resources", new JsonObject().put("body", "x")).statusCode());
    assertEquals(200, server.as(admin).put("/api/v1/circle-crisis-resources", new JsonObject().put("body", "Call or text 988")).statusCode());
    assertEquals("Call or text 988", server.as(member).get("/api/v1/circles/" + circle).bodyAsJsonObject().getString("crisisResources"));
    var page = server.as(member).get("/circles/" + circle);
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("Call or text <a href=\"tel:988\">988</a>"), "crisis numbers are tel: links");
    assertEquals(404, server.as(admin).get("/circles/" + circle).statusCode());
  }

  @Test
  void signingOutOrLosingThePeerRoleClosesOpenSockets() {
    long before = LiveSocket.sessionCheckMs;
    LiveSocket.sessionCheckMs = 200;
    try {
      Fixtures.Person p = server.fixtures().aPeer(org);
      Fixtures.Person q = server.fixtures().aPeer(org);
      long c = server.fixtures().aCircle(org, fac, p, q);
      String token = server.fixtures().tokenFor(p);
      try (LiveClient s = LiveClient.connect(vertx, server.port(), token, c, null)) {
        s.next("presence");
        assertEquals(204, server.client().post("/api/v1/auth/logout").putHeader("Authorization", "Bearer " + token).send().await().statusCode());
        assertTrue(s.waitClosed(5000), "signed out: the socket closes");
        assertEquals((short) 4401, s.closeCode);
      }
      try (LiveClient s = LiveClient.connect(vertx, server.port(), server.fixtures().tokenFor(q), c, null)) {
        s.next("presence");
        server.pool().preparedQuery("update users set roles = array['supervisor'] where id = $1").execute(io.vertx.sqlclient.Tuple.of(q.id())).await();
        assertTrue(s.waitClosed(5000), "no longer a peer: the socket closes");
      }
    } finally {
      LiveSocket.sessionCheckMs = before;
    }
  }
}
