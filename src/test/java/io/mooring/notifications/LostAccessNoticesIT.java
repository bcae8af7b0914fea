package io.mooring.notifications;

import static io.mooring.notifications.NoticeSteps.kinds;
import static io.mooring.notifications.NoticeSteps.notifications;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.notify.NotificationKind;
import io.mooring.platform.notify.Notice;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Someone who just lost the right behind a notification (the pairing ended, the role was taken away)
 * no longer gets it by any path: the list, the unread count, marking it read, opening it.
 */
@ExtendWith(ServerPerClass.class)
class LostAccessNoticesIT {
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
  void markingReadOrOpeningANoticeOfAnEndedPairingIsA404() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    NoticeSteps.driftingCheckIn(server, peer, "SECRET-REFLECTION", true);
    JsonObject flag = only(notifications(server, sup), "drift_flag");
    assertEquals(204, server.as(admin).post("/api/v1/supervision/pairings/" + pairing + "/end", new JsonObject()).statusCode());

    assertFalse(kinds(server, sup).contains("drift_flag"), "the list leaves it out");
    var read = server.as(sup).post("/api/v1/notifications/" + flag.getLong("id") + "/read", new JsonObject());
    assertEquals(404, read.statusCode(), "marking read: " + read.bodyAsString());
    assertFalse(read.bodyAsString().contains(peer.displayName()), read.bodyAsString());
    var open = server.client().get("/notifications/" + flag.getLong("id") + "/open")
        .putHeader("Cookie", "mooring_session=" + server.fixtures().tokenFor(sup)).send().await();
    assertEquals(404, open.statusCode(), "opening: " + open.getHeader("Location"));
  }

  @Test
  void aFormerSupervisorNoLongerSeesTheEndedPairingsNoticesButThePeerKeepsTheirs() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    long session = supervisorHearsOfEverything(sup, peer, pairing);
    assertEquals(204, server.as(admin).post("/api/v1/supervision/pairings/" + pairing + "/end", new JsonObject()).statusCode());
    assertEquals(404, server.as(sup).get("/api/v1/supervision/sessions/" + session + "/record").statusCode());

    assertNothingLeft(sup, peer);
    assertTrue(kinds(server, peer).contains("record_ready"), "the peer keeps their own record's notice: " + kinds(server, peer));
  }

  @Test
  void aSupervisorWhoLostTheRoleNoLongerSeesSupervisionNotices() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    long session = supervisorHearsOfEverything(sup, peer, pairing);
    var res = server.as(admin).patch("/api/v1/users/" + sup.id(), new JsonObject().put("roles", new JsonArray().add("peer")));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    assertEquals(404, server.as(sup).get("/api/v1/supervision/sessions/" + session + "/record").statusCode());

    assertNothingLeft(sup, peer);
    assertTrue(kinds(server, peer).contains("session_reminder"), "the peer is still reminded: " + kinds(server, peer));
  }

  @Test
  void aFacilitatorWhoLostThePeerRoleNoLongerSeesTheReportNotice() {
    var facilitator = server.fixtures().aPerson(org, "peer", "supervisor");
    var member = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, facilitator, member);
    server.pool().withTransaction(tx -> server.services().notices().enqueue(tx, Notice.to(org, facilitator.id(),
        NotificationKind.MESSAGE_REPORTED, "message_reported:test-" + circle, "A message in the circle was reported", "/circles/" + circle))).await();
    assertEquals(new JsonArray().add("message_reported"), kinds(server, facilitator));
    var res = server.as(admin).patch("/api/v1/users/" + facilitator.id(), new JsonObject().put("roles", new JsonArray().add("supervisor")));
    assertEquals(200, res.statusCode(), res.bodyAsString());

    assertEquals(new JsonArray(), kinds(server, facilitator));
    assertEquals(0, notifications(server, facilitator).getInteger("unread"));
  }

  /** The supervisor gets a record acknowledged, an overdue notice and a session reminder; answers the record's session. */
  private static long supervisorHearsOfEverything(Fixtures.Person sup, Fixtures.Person peer, long pairing) {
    long session = NoticeSteps.signedRecord(server, sup, pairing, "SECRET-RECORD");
    var ack = server.as(peer).post("/api/v1/supervision/sessions/" + session + "/record/acknowledge", new JsonObject());
    assertEquals(200, ack.statusCode(), ack.bodyAsString());
    NoticeSteps.session(server, sup, pairing, OffsetDateTime.now(ZoneOffset.UTC).plusHours(3).truncatedTo(ChronoUnit.MINUTES));
    // Held sessions count from their start: make the last one long ago, so supervision is overdue.
    server.pool().preparedQuery("update supervision_sessions set starts_at = starts_at - interval '90 days' where id = $1")
        .execute(Tuple.of(session)).await();
    server.pool().preparedQuery("update supervision_pairings set created_at = now() - interval '120 days' where id = $1")
        .execute(Tuple.of(pairing)).await();
    server.services().supervision().reminders().overdue().await();
    server.services().supervision().reminders().remindSessions().await();
    JsonArray before = kinds(server, sup);
    for (String kind : new String[] {"record_acknowledged", "supervision_overdue", "session_reminder"}) {
      assertTrue(before.contains(kind), kind + " before: " + before);
    }
    return session;
  }

  private static void assertNothingLeft(Fixtures.Person sup, Fixtures.Person peer) {
    String cookie = "mooring_session=" + server.fixtures().tokenFor(sup);
    String home = server.client().get("/").putHeader("Cookie", cookie).send().await().bodyAsString();
    assertFalse(home.contains("data-unread="), "the navigation counts nothing, before any list is read");
    JsonObject after = notifications(server, sup);
    assertEquals(new JsonArray(), kinds(server, sup), after.encodePrettily());
    assertFalse(after.encode().contains(peer.displayName()), after.encode());
    assertEquals(0, after.getInteger("unread"));
    String page = server.client().get("/notifications").putHeader("Cookie", cookie).send().await().bodyAsString();
    assertFalse(page.contains(peer.displayName()), "the notifications page names nobody");
  }

  private static JsonObject only(JsonObject list, String kind) {
    for (Object o : list.getJsonArray("items")) {
      if (((JsonObject) o).getString("kind").equals(kind)) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no " + kind + " in " + list.encodePrettily());
  }
}
