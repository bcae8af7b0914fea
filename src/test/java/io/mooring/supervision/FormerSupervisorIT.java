package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A supervisor's right to a pairing's records lasts as long as the pairing and their supervisor role
 * (DESIGN, security model: "an ended pairing or a role change stops every read"). The peer keeps
 * their own records either way.
 */
@ExtendWith(ServerPerClass.class)
class FormerSupervisorIT {
  static final String NARRATIVE = "Told her own housing story";
  static final String[] PATHS = {"/record", ""};

  @Test
  void aSupervisorWhosePairingEndedReadsNothingMore(TestServer server) {
    Setup s = new Setup(server);
    assertEquals(200, server.as(s.sup).get(API + "/sessions/" + s.session + "/record").statusCode(), "before the end");
    assertEquals(204, server.as(s.admin).post(API + "/pairings/" + s.pairing + "/end", new JsonObject()).statusCode());
    s.assertSupervisorRefused();
    s.assertPeerStillReads();
  }

  @Test
  void aSupervisorWhoLostTheRoleReadsNothingMore(TestServer server) {
    Setup s = new Setup(server);
    assertEquals(200, server.as(s.sup).get(API + "/sessions/" + s.session + "/record").statusCode(), "before the change");
    var res = server.as(s.admin).patch("/api/v1/users/" + s.sup.id(), new JsonObject().put("roles", new JsonArray().add("peer")));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    s.assertSupervisorRefused();
    s.assertPeerStillReads();
  }

  static final class Setup {
    final TestServer server;
    final Fixtures.Person admin;
    final Fixtures.Person sup;
    final Fixtures.Person peer;
    final long pairing;
    final long session;

    Setup(TestServer server) {
      this.server = server;
      long org = server.fixtures().anOrganization();
      admin = server.fixtures().anAdmin(org);
      sup = server.fixtures().aSupervisor(org);
      peer = server.fixtures().aPeer(org);
      pairing = server.fixtures().aPairing(sup, peer, "peer");
      session = Steps.oneOffSession(server, sup, pairing, "2026-01-13T10:00:00-06:00");
      String etag = Steps.startRecord(server.as(sup), session);
      Steps.writeAndSign(server.as(sup), session, etag, Steps.content("2026-01-13T10:00:00-06:00"));
      // Remembered on this node (DashboardCache), so a stale answer would show below.
      assertEquals(200, server.as(sup).get(API + "/dashboard").statusCode());
      assertTrue(server.as(sup).get(API + "/dashboard").bodyAsString().contains(peer.displayName()));
    }

    void assertSupervisorRefused() {
      for (String path : new String[] {"/sessions/" + session + "/record", "/sessions/" + session, "/pairings/" + pairing + "/sessions",
          "/pairings/" + pairing + "/agreement"}) {
        var res = server.as(sup).get(API + path);
        assertEquals(404, res.statusCode(), "former supervisor " + path + ": " + res.bodyAsString());
        assertFalse(res.bodyAsString().contains(NARRATIVE), path);
      }
      var dashboard = server.as(sup).get(API + "/dashboard");
      assertFalse(dashboard.statusCode() == 200 && dashboard.bodyAsString().contains(peer.displayName()), "dashboard: " + dashboard.bodyAsString());
      var pairings = server.as(sup).get(API + "/pairings");
      assertFalse(pairings.bodyAsString().contains("\"id\":" + pairing + ","), "pairing list: " + pairings.bodyAsString());
      var page = server.as(sup).get("/supervision/sessions/" + session);
      assertFalse(page.bodyAsString().contains(NARRATIVE), "session page");
      String records = server.client().get("/supervision/records?period=all")
          .putHeader("Cookie", "mooring_session=" + server.fixtures().tokenFor(sup)).send().await().bodyAsString();
      assertFalse(records.contains("/supervision/sessions/" + session), "the records page lists the record: " + records);
      assertFalse(records.contains(peer.displayName()), "the records page names the former supervisee");
    }

    void assertPeerStillReads() {
      var res = server.as(peer).get(API + "/sessions/" + session + "/record");
      assertEquals(200, res.statusCode(), res.bodyAsString());
      assertEquals("full", res.bodyAsJsonObject().getString("access"));
    }
  }
}
