package io.mooring.notifications;

import static io.mooring.notifications.NoticeSteps.kinds;
import static io.mooring.notifications.NoticeSteps.notifications;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** In-app notifications over real HTTP and PostgreSQL, without an SMTP server (e-mail is off). */
@ExtendWith(ServerPerClass.class)
class NotificationApiIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
  }

  @Test
  void aSignedRecordTellsThePeerWhoReadsItAndAcknowledgingTellsTheSupervisor() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    long session = NoticeSteps.signedRecord(server, sup, pairing, "SECRET-RECORD-1");

    JsonObject mine = notifications(server, peer);
    assertEquals(1, mine.getInteger("unread"));
    JsonObject n = mine.getJsonArray("items").getJsonObject(0);
    assertEquals("record_ready", n.getString("kind"));
    assertEquals("/supervision/sessions/" + session, n.getString("link"));
    assertFalse(n.encode().contains("SECRET-RECORD-1"), "the notification names the event, not the record's text");
    assertEquals(0, notifications(server, sup).getInteger("unread"), "the signer is not told of their own act");

    var read = server.as(peer).post("/api/v1/notifications/" + n.getLong("id") + "/read", new JsonObject());
    assertEquals(200, read.statusCode(), read.bodyAsString());
    assertEquals(0, notifications(server, peer).getInteger("unread"));
    assertEquals(404, server.as(sup).post("/api/v1/notifications/" + n.getLong("id") + "/read", new JsonObject()).statusCode(),
        "someone else's notification does not exist");

    var ack = server.as(peer).post("/api/v1/supervision/sessions/" + session + "/record/acknowledge", new JsonObject());
    assertEquals(200, ack.statusCode(), ack.bodyAsString());
    assertEquals(new JsonArray().add("record_acknowledged"), kinds(server, sup));
  }

  @Test
  void preferencesTurnAKindOffAndBadValuesAreA400NamingTheKind() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    var prefs = server.as(peer).get("/api/v1/notifications/preferences").bodyAsJsonObject();
    assertFalse(prefs.getBoolean("emailEnabled"), "no MOORING_SMTP_URL here");
    assertEquals(io.mooring.platform.notify.NotificationKind.values().length, prefs.getJsonArray("preferences").size(), "one row per kind");

    var off = server.as(peer).patch("/api/v1/notifications/preferences", new JsonObject().put("record_ready", "off"));
    assertEquals(200, off.statusCode(), off.bodyAsString());
    NoticeSteps.signedRecord(server, sup, pairing, "x");
    assertEquals(0, notifications(server, peer).getJsonArray("items").size(), "turned off: nothing at all");

    var bad = server.as(peer).patch("/api/v1/notifications/preferences", new JsonObject().put("record_ready", "pigeon"));
    assertEquals(400, bad.statusCode());
    assertTrue(bad.bodyAsString().contains("record_ready"), bad.bodyAsString());
    assertEquals(400, server.as(peer).patch("/api/v1/notifications/preferences", new JsonObject().put("carrier_pigeon", "off")).statusCode());
    assertEquals(401, server.anonymous().get("/api/v1/notifications").statusCode());
  }

  @Test
  void pagesShowTheUnreadCountAndOpeningANotificationMarksItReadAndGoesToIt() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    for (int i = 0; i < 3; i++) {
      NoticeSteps.signedRecord(server, sup, pairing, "x" + i);
    }
    String cookie = "mooring_session=" + server.fixtures().tokenFor(peer);
    String home = server.client().get("/").putHeader("Cookie", cookie).send().await().bodyAsString();
    assertTrue(home.contains("data-unread=\"3\""), home);
    JsonObject first = notifications(server, peer).getJsonArray("items").getJsonObject(0);
    var open = server.client().get("/notifications/" + first.getLong("id") + "/open").putHeader("Cookie", cookie).send().await();
    assertEquals(302, open.statusCode());
    assertEquals(first.getString("link"), open.getHeader("Location"));
    assertEquals(2, notifications(server, peer).getInteger("unread"));

    var page = server.as(peer).get("/api/v1/notifications?limit=2").bodyAsJsonObject();
    assertEquals(2, page.getJsonArray("items").size());
    var rest = server.as(peer).get(page.getString("next")).bodyAsJsonObject();
    assertEquals(1, rest.getJsonArray("items").size());
    assertFalse(rest.containsKey("next"));
    var bodiless = server.as(peer).request(io.vertx.core.http.HttpMethod.POST, "/api/v1/notifications/read").send().await();
    assertEquals(200, bodiless.statusCode(), "marking all read needs no body: " + bodiless.bodyAsString());
    assertEquals(0, notifications(server, peer).getInteger("unread"));
  }
  @Test
  void theNewViewerNoticeIsWrittenOnceAndLinksToTheOwnersSettings() {
    var peer = server.fixtures().aPeer(org);
    var notices = server.services().notices();
    assertEquals(1, notices.newViewer(server.pool(), org, peer.id(), "Rivera", "grant:7").await());
    assertEquals(0, notices.newViewer(server.pool(), org, peer.id(), "Rivera", "grant:7").await(), "the same grant is told once");
    JsonObject n = notifications(server, peer).getJsonArray("items").getJsonObject(0);
    assertEquals("new_viewer", n.getString("kind"));
    assertEquals("/disclosure", n.getString("link"));
    assertTrue(n.getString("title").startsWith("Rivera can now see"), n.getString("title"));
  }

}
