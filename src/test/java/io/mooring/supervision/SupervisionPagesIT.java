package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pages render for each role, escape what people wrote, and refuse who must not see. */
@ExtendWith(ServerPerClass.class)
class SupervisionPagesIT {
  static TestServer server;
  static long org;
  static Fixtures.Person admin;
  static Fixtures.Person both;
  static Fixtures.Person peer;
  static Fixtures.Person boss;
  static long session;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
    admin = server.fixtures().anAdmin(org);
    both = server.fixtures().aPerson(org, "supervisor", "peer");
    peer = server.fixtures().aPeer(org);
    boss = server.fixtures().aSupervisor(org);
    long pairing = server.fixtures().aPairing(both, peer, "peer");
    server.fixtures().aPairing(boss, both, "peer");
    server.as(both).put(API + "/pairings/" + pairing + "/schedule", new JsonObject().put("cadence", "biweekly")
        .put("firstStart", "2026-01-06T10:00").put("durationMinutes", 60).put("modality", "phone"));
    server.as(peer).post(API + "/pairings/" + pairing + "/agenda", new JsonObject().put("text", "<script>alert(1)</script> my exam"));
    session = Steps.oneOffSession(server, both, pairing, "2026-02-03T10:00:00-06:00");
    Steps.startRecord(server.as(both), session);
  }

  static String page(Fixtures.Person p, String path, int status) {
    var res = server.as(p).request(io.vertx.core.http.HttpMethod.GET, path).putHeader("Accept", "text/html").send().await();
    assertEquals(status, res.statusCode(), path + ": " + res.bodyAsString());
    return res.bodyAsString();
  }

  @Test
  void aPersonWithBothRolesSeesBothSections() {
    String html = page(both, "/supervision", 200);
    assertTrue(html.contains("My supervisees") && html.contains("My supervision"));
    assertTrue(html.contains(peer.displayName()) && html.contains(boss.displayName()));
    assertTrue(html.contains("/static/js/supervision.js"));
    assertFalse(html.contains("<script>alert(1)"), "agenda text is escaped (and not on the dashboard)");
  }

  @Test
  void theSessionPageRunsTheTemplateForTheSupervisorOnly() {
    String html = page(both, "/supervision/sessions/" + session, 200);
    assertTrue(html.contains("id=\"sv-record\"") && html.contains("Foundations of Healthcare Systems"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; my exam"));
    String peerView = page(peer, "/supervision/sessions/" + session, 200);
    assertFalse(peerView.contains("id=\"sv-record\""));
    page(admin, "/supervision/sessions/" + session, 404);
    page(boss, "/supervision/sessions/" + session, 404);
  }

  @Test
  void theSupervisorSeesOnlyWhatTheSuperviseeSharedWithThemAndTheViewIsLogged() {
    var peerApi = server.as(peer);
    String adjustment = "adjust-" + peer.id() + " a quiet room before group sessions";
    assertEquals(200, peerApi.put("/api/v1/me/disclosure/items/accommodations", new JsonObject().put("text", adjustment)).statusCode());
    assertEquals(200, peerApi.put("/api/v1/me/disclosure/items/recovery_story", new JsonObject().put("text", "story-" + peer.id())).statusCode());
    assertFalse(page(both, "/supervision/sessions/" + session, 200).contains("adjust-" + peer.id()), "default is only me");

    var share = peerApi.put("/api/v1/me/disclosure/items/accommodations/audiences", new JsonObject()
        .put("audiences", new io.vertx.core.json.JsonArray().add(new JsonObject().put("type", "supervisors"))));
    assertEquals(200, share.statusCode(), share.bodyAsString());
    String html = page(both, "/supervision/sessions/" + session, 200);
    assertTrue(html.contains("adjust-" + peer.id()), "shared with my supervisors");
    assertFalse(html.contains("story-" + peer.id()), "the recovery story was not shared");
    String log = peerApi.get("/api/v1/me/disclosure/access-log").bodyAsString();
    assertTrue(log.contains("supervision_page") && log.contains("\"viewerId\":" + both.id()), log);

    peerApi.post("/api/v1/me/disclosure/hide-all", new JsonObject());
    assertFalse(page(both, "/supervision/sessions/" + session, 200).contains("adjust-" + peer.id()), "revoked on the next request");
  }

  @Test
  void adminAndHoursPages() {
    String html = page(admin, "/supervision/admin", 200);
    assertTrue(html.contains("New pairing") && html.contains(peer.displayName()));
    page(peer, "/supervision/admin", 403);
    assertTrue(page(peer, "/supervision/supervisees/" + peer.id() + "/hours", 200).contains("Download CSV"));
    page(server.fixtures().aPeer(org), "/supervision/supervisees/" + peer.id() + "/hours", 404);
  }
}
