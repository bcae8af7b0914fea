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
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Which events notify whom, written in the events' transactions and by the idempotent periodic checks. */
@ExtendWith(ServerPerClass.class)
class NotificationEventsIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
  }

  @Test
  void movingAndCancellingASessionTellsThePeerOnce() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusDays(5).truncatedTo(ChronoUnit.HOURS);
    long session = NoticeSteps.session(server, sup, pairing, at);
    var moved = server.as(sup).patch("/api/v1/supervision/sessions/" + session, new JsonObject().put("startsAt", NoticeSteps.iso(at.plusDays(1))));
    assertEquals(200, moved.statusCode(), moved.bodyAsString());
    var cancelled = server.as(sup).patch("/api/v1/supervision/sessions/" + session, new JsonObject().put("status", "cancelled"));
    assertEquals(200, cancelled.statusCode(), cancelled.bodyAsString());
    server.as(sup).patch("/api/v1/supervision/sessions/" + session, new JsonObject().put("status", "cancelled"));
    JsonArray items = notifications(server, peer).getJsonArray("items");
    assertEquals(2, items.size(), items.encodePrettily());
    assertTrue(items.getJsonObject(0).getString("title").contains("cancelled"), items.encodePrettily());
    assertTrue(items.getJsonObject(1).getString("title").contains("moved to"), items.encodePrettily());
    assertEquals(0, notifications(server, sup).getJsonArray("items").size());
  }

  @Test
  void remindersAndOverdueAreWrittenOnceHoweverOftenTheJobRuns() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    NoticeSteps.session(server, sup, pairing, OffsetDateTime.now(ZoneOffset.UTC).plusHours(20));
    NoticeSteps.session(server, sup, pairing, OffsetDateTime.now(ZoneOffset.UTC).plusHours(30));
    server.pool().preparedQuery("update supervision_pairings set created_at = now() - interval '90 days' where id = $1")
        .execute(Tuple.of(pairing)).await();
    var reminders = server.services().supervision().reminders();
    assertTrue(reminders.remindSessions().await() >= 2, "both people are reminded of the session within 24 hours");
    reminders.remindSessions().await();
    reminders.overdue().await();
    reminders.overdue().await();
    assertEquals(new JsonArray().add("session_reminder"), kinds(server, peer), "one reminder, none for the session in 30 hours");
    assertEquals(new JsonArray().add("supervision_overdue").add("session_reminder"), kinds(server, sup));
  }

  @Test
  void aSeriesOccurrenceIsRemindedUnlessAStoredSessionReplacesIt() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    var zone = java.time.ZoneId.of("America/Chicago");
    var first = java.time.LocalDateTime.now(zone).plusHours(10).truncatedTo(ChronoUnit.MINUTES);
    var schedule = server.as(sup).put("/api/v1/supervision/pairings/" + pairing + "/schedule", new JsonObject().put("cadence", "weekly")
        .put("firstStart", first.toString()).put("durationMinutes", 45).put("modality", "video"));
    assertEquals(200, schedule.statusCode(), schedule.bodyAsString());
    var other = server.fixtures().aPeer(org);
    long moved = server.fixtures().aPairing(sup, other, "peer");
    assertEquals(200, server.as(sup).put("/api/v1/supervision/pairings/" + moved + "/schedule", new JsonObject().put("cadence", "weekly")
        .put("firstStart", first.toString()).put("durationMinutes", 45).put("modality", "video")).statusCode());
    var session = server.as(sup).post("/api/v1/supervision/pairings/" + moved + "/sessions", new JsonObject().put("occurrence", first.toString()));
    assertEquals(201, session.statusCode(), session.bodyAsString());
    assertEquals(200, server.as(sup).patch("/api/v1/supervision/sessions/" + session.bodyAsJsonObject().getLong("id"),
        new JsonObject().put("startsAt", NoticeSteps.iso(OffsetDateTime.now(ZoneOffset.UTC).plusDays(3)))).statusCode());

    server.services().supervision().reminders().remindSessions().await();
    assertEquals(new JsonArray().add("session_reminder"), kinds(server, peer), "the series' next occurrence, 10 hours away");
    assertEquals(new JsonArray().add("session_changed"), kinds(server, other), "moved out of the window: no reminder for it");
    // Both of the pair are reminded, and each can open the page the reminder points at (the supervisee may not open
    // the pairing's own page, /supervision/pairings/ID, which is the supervisor's and the administrator's).
    for (var who : java.util.List.of(peer, sup)) {
      JsonObject reminder = notifications(server, who).getJsonArray("items").stream().map(JsonObject.class::cast)
          .filter(n -> "session_reminder".equals(n.getString("kind"))).findFirst().orElseThrow();
      String cookie = "mooring_session=" + server.fixtures().tokenFor(who);
      var open = server.client().get("/notifications/" + reminder.getLong("id") + "/open").putHeader("Cookie", cookie).send().await();
      assertEquals(302, open.statusCode(), open.bodyAsString());
      String page = open.getHeader("Location").replaceFirst("#.*", "");
      assertEquals(200, server.client().get(page).putHeader("Cookie", cookie).putHeader("Accept", "text/html").send().await().statusCode(),
          "the reminder's page " + page + " opens for " + (who == peer ? "the supervisee" : "the supervisor"));
    }
  }

  @Test
  void aDriftFlagTellsTheSupervisorOnlyWhatThePeerShared() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    NoticeSteps.driftingCheckIn(server, peer, "SECRET-REFLECTION-1", false);
    JsonObject n = notifications(server, sup).getJsonArray("items").getJsonObject(0);
    assertEquals("drift_flag", n.getString("kind"));
    assertFalse(n.getString("title").contains("threshold"), "answers not shared: the flag's kind is not named: " + n.getString("title"));
    assertFalse(n.encode().contains("SECRET-REFLECTION-1"));
    assertEquals(0, notifications(server, peer).getJsonArray("items").size());
    var shared = server.fixtures().aSupervisor(org);
    long sharedPairing = server.fixtures().aPairing(shared, peer, "peer");
    NoticeSteps.driftingCheckIn(server, peer, "SECRET-REFLECTION-2", true, java.time.LocalDate.now().minusDays(3));
    String sharedTitle = notifications(server, shared).getJsonArray("items").getJsonObject(0).getString("title");
    assertFalse(sharedTitle.contains("threshold"), "the title outlives the sharing choice, so it names no kind: " + sharedTitle);

    server.fixtures().endPairing(pairing);
    JsonObject after = notifications(server, sup);
    assertEquals(0, after.getJsonArray("items").size(), "no longer the peer's supervisor: the flags are withdrawn");
    assertEquals(0, after.getInteger("unread"));
    server.fixtures().endPairing(sharedPairing);

    server.pool().preparedQuery("update checkins set period_end = period_end - 30 where peer_id = $1").execute(Tuple.of(peer.id())).await();
    assertTrue(server.services().checkins().remindDue().await() >= 1);
    server.services().checkins().remindDue().await();
    assertEquals(new JsonArray().add("checkin_due"), kinds(server, peer));
  }

  @Test
  void circlesTellWhoIsAddedRemovedAndFacilitatorsOfReports() {
    var facilitator = server.fixtures().aPeer(org);
    var member = server.fixtures().aPeer(org);
    var newcomer = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, facilitator, member);
    assertEquals(204, server.as(facilitator).put("/api/v1/circles/" + circle + "/invitations/" + newcomer.id(), new JsonObject()).statusCode());
    var msg = server.services().chat().send(server.fixtures().currentUser(member), circle, "n-1", "SECRET-CHAT-1", null).await();
    var report = server.as(member).post("/api/v1/circles/" + circle + "/messages/" + msg.id() + "/reports",
        new JsonObject().put("reason", "SECRET-REASON"));
    assertEquals(201, report.statusCode(), report.bodyAsString());
    assertEquals(204, server.as(facilitator).delete("/api/v1/circles/" + circle + "/members/" + member.id()).statusCode());

    assertEquals(new JsonArray().add("circle_added"), kinds(server, newcomer));
    assertEquals(new JsonArray().add("message_reported"), kinds(server, facilitator));
    assertEquals(new JsonArray().add("circle_removed"), kinds(server, member));
    assertFalse(notifications(server, facilitator).encode().contains("SECRET"));
  }

  @Test
  void aNewSupervisorWhoCanNowSeeAnItemIsToldToItsOwnerOnce() {
    var peer = server.fixtures().aPeer(org);
    var api = server.as(peer);
    assertEquals(200, api.put("/api/v1/me/disclosure/items/pronouns", new JsonObject().put("text", "they/them")).statusCode());
    var shared = api.put("/api/v1/me/disclosure/items/pronouns/audiences",
        new JsonObject().put("audiences", new JsonArray().add(new JsonObject().put("type", "supervisors"))));
    assertEquals(200, shared.statusCode(), shared.bodyAsString());
    var disclosure = server.services().disclosure();
    disclosure.notifyNewViewers().await();
    assertEquals(0, notifications(server, peer).getJsonArray("items").size(), "nobody new yet");

    var sup = server.fixtures().aSupervisor(org);
    server.fixtures().aPairing(sup, peer, "peer");
    sweepAll(disclosure);
    sweepAll(disclosure);
    JsonArray items = notifications(server, peer).getJsonArray("items");
    assertEquals(1, items.size(), items.encodePrettily());
    assertEquals("new_viewer", items.getJsonObject(0).getString("kind"));
    assertTrue(items.getJsonObject(0).getString("title").startsWith(sup.displayName()), items.encodePrettily());
    assertFalse(items.encode().contains("they/them"), "the item itself is not in the notice");
  }

  /** Sweeps until every owner in this shared database has had a turn. */
  private static void sweepAll(io.mooring.disclosure.DisclosureService disclosure) {
    for (int i = 0; i < 5; i++) {
      disclosure.notifyNewViewers().await();
    }
  }
}
