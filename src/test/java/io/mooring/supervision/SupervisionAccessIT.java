package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who sees what, and who may set pairings and agreements up. */
@ExtendWith(ServerPerClass.class)
class SupervisionAccessIT {
  static final String NARRATIVE = "Told her own housing story";
  static TestServer server;
  static long org;
  static Fixtures.Person admin;
  static Fixtures.Person sup;
  static Fixtures.Person peer;
  static long pairing;
  static long session;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
    admin = server.fixtures().anAdmin(org);
    sup = server.fixtures().aSupervisor(org);
    peer = server.fixtures().aPeer(org);
    pairing = server.fixtures().aPairing(sup, peer, "peer");
    session = Steps.oneOffSession(server, sup, pairing, "2026-01-13T10:00:00-06:00");
    String etag = Steps.startRecord(server.as(sup), session);
    Steps.writeAndSign(server.as(sup), session, etag, Steps.content("2026-01-13T10:00:00-06:00"));
  }

  @Test
  void thePairSeesTheWholeRecord() {
    for (Fixtures.Person p : new Fixtures.Person[] {sup, peer}) {
      var res = server.as(p).get(API + "/sessions/" + session + "/record");
      assertEquals(200, res.statusCode(), res.bodyAsString());
      assertEquals("full", res.bodyAsJsonObject().getString("access"));
      assertTrue(res.bodyAsString().contains(NARRATIVE));
    }
  }

  @Test
  void strangersAndOtherSupervisorsOfTheSamePeerSeeNothing() {
    Fixtures.Person otherSupervisor = server.fixtures().aSupervisor(org);
    server.fixtures().aPairing(otherSupervisor, peer, "clinical");
    Fixtures.Person strangerPeer = server.fixtures().aPeer(org);
    long otherOrg = server.fixtures().anOrganization();
    Fixtures.Person otherOrgAdmin = server.fixtures().anAdmin(otherOrg);
    for (Fixtures.Person p : new Fixtures.Person[] {otherSupervisor, strangerPeer, otherOrgAdmin}) {
      for (String path : new String[] {"/sessions/" + session + "/record", "/sessions/" + session, "/pairings/" + pairing + "/sessions",
          "/pairings/" + pairing + "/agreement", "/pairings/" + pairing + "/upcoming"}) {
        var res = server.as(p).get(API + path);
        assertEquals(404, res.statusCode(), p.displayName() + " " + path);
        assertFalse(res.bodyAsString().contains(NARRATIVE));
      }
      assertEquals(404, server.as(p).post(API + "/sessions/" + session + "/record/amendments", new JsonObject().put("text", "x")).statusCode());
      if (p != otherSupervisor) {
        assertEquals(404, server.as(p).get(API + "/supervisees/" + peer.id() + "/hours").statusCode(), p.displayName() + " hours");
      }
    }
    var theirHours = server.as(otherSupervisor).get(API + "/supervisees/" + peer.id() + "/hours").bodyAsJsonObject();
    assertTrue(theirHours.getJsonArray("sessions").isEmpty(), "another supervisor counts only their own sessions");
    var otherDashboard = server.as(otherSupervisor).get(API + "/dashboard");
    assertEquals(200, otherDashboard.statusCode());
    assertFalse(otherDashboard.bodyAsString().contains(NARRATIVE));
  }

  @Test
  void adminsSeeMetadataOnly() {
    var res = server.as(admin).get(API + "/sessions/" + session + "/record");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    JsonObject body = res.bodyAsJsonObject();
    assertEquals("metadata", body.getString("access"));
    assertEquals("finalized", body.getString("status"));
    assertEquals(60, body.getJsonObject("session").getInteger("durationMinutes"));
    assertNull(body.getValue("content"));
    for (String secret : new String[] {NARRATIVE, "van", "Advocacy", "huddles", "contentHash"}) {
      assertFalse(res.bodyAsString().contains(secret), secret);
    }
    var overview = server.as(admin).get(API + "/overview");
    assertEquals(200, overview.statusCode());
    assertFalse(overview.bodyAsString().contains(NARRATIVE));
    assertEquals(403, Steps.put(server.as(admin), session, "\"x\"", Steps.content("2026-01-13T10:00:00-06:00")).statusCode());
    assertEquals(403, server.as(admin).post(API + "/sessions/" + session + "/record/amendments", new JsonObject().put("text", "x")).statusCode());
  }

  @Test
  void onlyAdminsPairAndTheRolesMustFit() {
    Fixtures.Person s2 = server.fixtures().aSupervisor(org);
    Fixtures.Person p2 = server.fixtures().aPeer(org);
    JsonObject ok = new JsonObject().put("supervisorId", s2.id()).put("superviseeId", p2.id()).put("type", "peer");
    assertEquals(403, server.as(sup).post(API + "/pairings", ok).statusCode());
    var wrongRoles = server.as(admin).post(API + "/pairings", ok.copy().put("supervisorId", p2.id()).put("superviseeId", s2.id()));
    assertEquals(400, wrongRoles.statusCode());
    assertTrue(wrongRoles.bodyAsString().contains("supervisorId"));
    var clinical = server.as(admin).post(API + "/pairings", ok.copy().put("type", "clinical").put("credential", "LCSW"));
    assertEquals(400, clinical.statusCode());
    assertTrue(clinical.bodyAsString().contains("licenceNumber"));
    Fixtures.Person foreign = server.fixtures().aPeer(server.fixtures().anOrganization());
    // A body field that refers to nobody (here or in another organization: the same answer) is bad input, not a missing resource.
    assertNamesField(server.as(admin).post(API + "/pairings", ok.copy().put("superviseeId", foreign.id())), 400, "superviseeId");
    assertNamesField(server.as(admin).post(API + "/pairings", ok.copy().put("superviseeId", Long.MAX_VALUE)), 400, "superviseeId");
    assertNamesField(server.as(admin).post(API + "/pairings", ok.copy().put("supervisorId", Long.MAX_VALUE)), 400, "supervisorId");

    JsonObject clinicalOk = ok.copy().put("type", "clinical").put("credential", "LCSW").put("licenceNumber", "IL-1");
    var created = server.as(admin).post(API + "/pairings", clinicalOk);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long id = created.bodyAsJsonObject().getLong("id");
    var again = server.as(admin).post(API + "/pairings", clinicalOk);
    assertNamesField(again, 409, "superviseeId");
    assertTrue(again.bodyAsJsonObject().getString("detail").contains("already"), again.bodyAsString());
    assertTrue(server.services().pairings().supervises(s2.id(), p2.id()).await());
    assertEquals(204, server.as(admin).post(API + "/pairings/" + id + "/end", new JsonObject()).statusCode());
    assertFalse(server.services().pairings().supervises(s2.id(), p2.id()).await());
    String audit = server.as(admin).get("/api/v1/audit").bodyAsString();
    assertTrue(audit.contains("supervision.pairing_created") && audit.contains("supervision.pairing_ended"));
  }

  private static void assertNamesField(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> res, int status, String field) {
    assertEquals(status, res.statusCode(), res.bodyAsString());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
    assertTrue(res.bodyAsJsonObject().getJsonArray("errors").stream().map(JsonObject.class::cast)
        .anyMatch(e -> field.equals(e.getString("field"))), res.bodyAsString());
  }

  @Test
  void aChangedAgreementNeedsBothAcknowledgementsAgain() {
    Fixtures.Person s3 = server.fixtures().aSupervisor(org);
    Fixtures.Person p3 = server.fixtures().aPeer(org);
    long id = server.fixtures().aPairing(s3, p3, "peer");
    JsonObject terms = new JsonObject().put("cadence", "Weekly, one hour").put("confidentiality", "What we discuss stays between us unless safety requires otherwise.")
        .put("expectations", "Bring your agenda; I bring specific feedback.");
    assertEquals(403, server.as(p3).put(API + "/pairings/" + id + "/agreement", terms).statusCode());
    assertEquals(1, server.as(s3).put(API + "/pairings/" + id + "/agreement", terms).bodyAsJsonObject().getInteger("version"));
    assertEquals(200, server.as(s3).post(API + "/pairings/" + id + "/agreement/acknowledge", new JsonObject().put("version", 1)).statusCode());
    var both = server.as(p3).post(API + "/pairings/" + id + "/agreement/acknowledge", new JsonObject().put("version", 1)).bodyAsJsonObject();
    assertTrue(both.getString("supervisorAcknowledgedAt") != null && both.getString("superviseeAcknowledgedAt") != null);

    assertEquals(2, server.as(admin).put(API + "/pairings/" + id + "/agreement", terms.copy().put("cadence", "Every two weeks"))
        .bodyAsJsonObject().getInteger("version"));
    JsonObject current = server.as(p3).get(API + "/pairings/" + id + "/agreement").bodyAsJsonObject();
    assertNull(current.getJsonObject("current").getString("superviseeAcknowledgedAt"), "the new version is not yet acknowledged");
    assertEquals(2, current.getJsonArray("history").size());
    assertEquals(409, server.as(p3).post(API + "/pairings/" + id + "/agreement/acknowledge", new JsonObject().put("version", 1)).statusCode());
    assertEquals(200, server.as(p3).post(API + "/pairings/" + id + "/agreement/acknowledge", new JsonObject().put("version", 2)).statusCode());
  }
}
