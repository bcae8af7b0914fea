package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A circle's recurring meeting: set by facilitators, validated, shown on the page, and in members' (only members') feeds. */
@ExtendWith(ServerPerClass.class)
class CircleMeetingIT {
  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final String FEED = "/api/v1/supervision/feed";
  static TestServer server;
  static Vertx vertx;
  static long org;
  static Fixtures.Person fac;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    vertx = started.vertx();
    org = server.fixtures().anOrganization("America/Chicago");
    fac = server.fixtures().aPeer(org);
  }

  static JsonObject settings(String name, JsonObject meeting) {
    return new JsonObject().put("name", name).put("joinPolicy", "invite").put("meeting", meeting);
  }

  static JsonObject weeklyAtTen() {
    // A Tuesday in winter: the series crosses a daylight-saving change within the feed's 120 days whenever the test runs.
    return new JsonObject().put("cadence", "weekly").put("firstStart", "2026-02-24T10:00").put("durationMinutes", 60).put("where", "Room 2B");
  }

  static String feedOf(Fixtures.Person p) {
    String path = server.as(p).post(FEED, new JsonObject()).bodyAsJsonObject().getString("path");
    var res = server.anonymous().get(path);
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsString();
  }

  /** The starts a calendar app shows for that title in the next 120 days. */
  static List<Instant> startsIn(String ics, String title) {
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(CHICAGO);
    return io.mooring.support.Ics.expand(ics, now, now.plusDays(120)).stream().filter(m -> m.title().equals(title))
        .map(io.mooring.support.Ics.Meeting::start).toList();
  }

  @Test
  void membersFeedsListTheMeetingAtItsLocalTimeAcrossDstAndLeaversLoseIt() {
    var member = server.fixtures().aPeer(org);
    var leaver = server.fixtures().aPeer(org);
    var stranger = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, fac, member, leaver);
    var put = server.as(fac).put("/api/v1/circles/" + circle, settings("Tuesday circle", weeklyAtTen()));
    assertEquals(200, put.statusCode(), put.bodyAsString());
    JsonObject meeting = put.bodyAsJsonObject().getJsonObject("meeting");
    assertEquals("FREQ=WEEKLY", meeting.getString("rrule"));
    assertEquals("Every week on Tuesday at 10:00 AM, 60 minutes", meeting.getString("summary"));
    assertEquals("America/Chicago", meeting.getString("timeZone"));
    assertNotNull(meeting.getString("next"));
    try (LiveClient c = LiveClient.connect(vertx, server.port(), server.fixtures().tokenFor(member), circle, null)) {
      c.send(LiveClient.send("m-1", "what I said in the circle"));
      c.next("ack");
    }

    String ics = feedOf(member);
    List<Instant> starts = startsIn(ics, "Peer circle: Tuesday circle");
    assertTrue(starts.size() >= 15, "about 17 weeks ahead: " + starts.size());
    starts.forEach(s -> assertEquals(LocalTime.of(10, 0), s.atZone(CHICAGO).toLocalTime(), "10:00 local, CST or CDT: " + s));
    var transition = CHICAGO.getRules().nextTransition(starts.get(0));
    boolean crosses = transition != null && transition.getInstant().isBefore(starts.get(starts.size() - 1));
    assertEquals(crosses ? 2 : 1, starts.stream().map(s -> CHICAGO.getRules().getOffset(s)).distinct().count(), "both offsets when it crosses DST");
    assertTrue(ics.contains("UID:mooring-circle-" + circle + "@mooring") && ics.contains("RRULE:FREQ=WEEKLY"), ics);
    assertFalse(ics.contains("what I said") || ics.contains("Room 2B"), "titles and times only");
    assertEquals(1, Arrays.stream(ics.split("\r?\n")).filter(l -> l.startsWith("UID:mooring-circle-")).count(),
        "one recurring series per circle, one UID");
    assertEquals(starts.size(), startsIn(feedOf(member), "Peer circle: Tuesday circle").size(), "stable across fetches");

    assertTrue(startsIn(feedOf(stranger), "Peer circle: Tuesday circle").isEmpty(), "a non-member's feed has no circle");
    assertTrue(startsIn(feedOf(leaver), "Peer circle: Tuesday circle").size() >= 15);
    assertEquals(204, server.as(fac).delete("/api/v1/circles/" + circle + "/members/" + leaver.id()).statusCode());
    assertTrue(startsIn(feedOf(leaver), "Peer circle: Tuesday circle").isEmpty(), "a removed member's feed drops it at once");
  }

  @Test
  void thePageShowsTheMeetingInWordsAndTheNextOccurrenceAndFacilitatorsGetTheForm() {
    var member = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, fac, member);
    assertEquals(200, server.as(fac).put("/api/v1/circles/" + circle, settings("Page circle", weeklyAtTen())).statusCode());
    String html = server.as(member).get("/circles/" + circle).bodyAsString();
    assertTrue(html.contains("Every week on Tuesday at 10:00 AM, 60 minutes (America/Chicago time)"), html);
    assertTrue(html.contains("Next: <strong>Tuesday ") && html.contains("at 10:00 AM (America/Chicago)"), html);
    assertTrue(html.contains("Where: Room 2B"));
    assertFalse(html.contains("data-circle-settings"), "members do not get the settings form");
    assertTrue(server.as(fac).get("/circles/" + circle).bodyAsString().contains("data-circle-settings"));

    var noteOnly = server.as(fac).put("/api/v1/circles/" + circle, settings("Page circle", new JsonObject().put("where", "Announced in the chat")));
    assertEquals(200, noteOnly.statusCode(), noteOnly.bodyAsString());
    assertEquals(null, noteOnly.bodyAsJsonObject().getJsonObject("meeting").getString("rrule"));
    var none = server.as(fac).put("/api/v1/circles/" + circle, settings("Page circle", null));
    assertEquals(null, none.bodyAsJsonObject().getValue("meeting"));
    assertTrue(startsIn(feedOf(member), "Peer circle: Page circle").isEmpty());
  }

  @Test
  void badRulesTimesAndHalfSchedulesAre400sNamingTheField() {
    long circle = server.fixtures().aCircle(org, fac);
    record Bad(JsonObject meeting, String field) {}
    List<Bad> bad = List.of(
        new Bad(weeklyAtTen().put("cadence", "custom").put("rrule", "FREQ=SOMETIMES"), "meeting.rrule"),
        new Bad(weeklyAtTen().put("cadence", "custom").put("rrule", "FREQ=HOURLY"), "meeting.rrule"),
        new Bad(weeklyAtTen().put("cadence", "custom").put("rrule", "FREQ=DAILY;BYHOUR=9,10,11;BYMINUTE=0,5,10,15,20"), "meeting.rrule"),
        new Bad(weeklyAtTen().put("cadence", "custom").put("rrule", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), "meeting.rrule"),
        new Bad(weeklyAtTen().put("cadence", "custom").put("rrule", "FREQ=WEEKLY;UNTIL=20000101T000000Z"), "meeting.rrule"),
        new Bad(weeklyAtTen().put("cadence", "custom").put("rrule", "FREQ=WEEKLY;COUNT=0"), "meeting.rrule"),
        new Bad(weeklyAtTen().put("cadence", "custom").put("rrule", "FREQ=WEEKLY;INTERVAL=-1"), "meeting.rrule"),
        new Bad(weeklyAtTen().put("firstStart", "0001-01-01T10:00"), "meeting.firstStart"),
        new Bad(weeklyAtTen().put("firstStart", "9999-12-31T10:00"), "meeting.firstStart"),
        new Bad(weeklyAtTen().put("cadence", "custom"), "meeting.rrule"),
        new Bad(weeklyAtTen().put("cadence", "yearly-ish"), "meeting.cadence"),
        new Bad(weeklyAtTen().put("firstStart", "next Tuesday at ten"), "meeting.firstStart"),
        new Bad(weeklyAtTen().put("firstStart", "2026-02-30T10:00"), "meeting.firstStart"),
        new Bad(weeklyAtTen().put("durationMinutes", 0), "meeting.durationMinutes"),
        new Bad(new JsonObject().put("cadence", "weekly"), "meeting.firstStart"),
        new Bad(weeklyAtTen().put("where", "x".repeat(201)), "meeting.where"),
        new Bad(weeklyAtTen().put("room", "2B"), "meeting.room"),
        new Bad(new JsonObject(), "meeting.where"));
    for (Bad b : bad) {
      var res = server.as(fac).put("/api/v1/circles/" + circle, settings("Strict", b.meeting()));
      assertEquals(400, res.statusCode(), b.meeting().encode() + " " + res.bodyAsString());
      assertTrue(res.getHeader("Content-Type").startsWith("application/problem+json"));
      assertTrue(res.bodyAsString().contains("\"" + b.field() + "\""), b.field() + ": " + res.bodyAsString());
    }
    var custom = server.as(fac).put("/api/v1/circles/" + circle,
        settings("Strict", weeklyAtTen().put("cadence", "custom").put("rrule", "RRULE:FREQ=MONTHLY;BYDAY=1TU")));
    assertEquals(200, custom.statusCode(), custom.bodyAsString());
    assertEquals("FREQ=MONTHLY;BYDAY=1TU", custom.bodyAsJsonObject().getJsonObject("meeting").getString("rrule"));
    var member = server.fixtures().aPeer(org);
    var notFacilitator = server.as(member).put("/api/v1/circles/" + circle, settings("Mine now", weeklyAtTen()));
    assertEquals(404, notFacilitator.statusCode());
  }

  /** Probe findings: a meeting's errors are said in words under the labels the settings form shows. */
  @Test
  void meetingErrorsAreSaidPlainlyUnderTheFormsLabels() {
    long circle = server.fixtures().aCircle(org, fac);
    var where = server.as(fac).put("/api/v1/circles/" + circle, settings("Plain", weeklyAtTen().put("where", 5)));
    assertEquals(400, where.statusCode(), where.bodyAsString());
    var errors = where.bodyAsJsonObject().getJsonArray("errors");
    assertEquals(1, errors.size(), where.bodyAsString());
    assertEquals("meeting.where", errors.getJsonObject(0).getString("field"));
    assertEquals("must be text or null", errors.getJsonObject(0).getString("message"));
    assertEquals("Meeting, where", errors.getJsonObject(0).getString("label"));

    var first = server.as(fac).put("/api/v1/circles/" + circle, settings("Plain", weeklyAtTen().put("firstStart", "soon")));
    assertEquals(400, first.statusCode(), first.bodyAsString());
    assertEquals("Meeting, first meeting", first.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("label"));
    var rule = server.as(fac).put("/api/v1/circles/" + circle, settings("Plain", weeklyAtTen().put("cadence", "custom")));
    assertEquals(400, rule.statusCode(), rule.bodyAsString());
    assertEquals("Meeting, custom rule", rule.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("label"));

    var notAnObject = server.as(fac).put("/api/v1/circles/" + circle, new JsonObject().put("name", "Plain").put("joinPolicy", "invite").put("meeting", 5));
    assertEquals(400, notAnObject.statusCode(), notAnObject.bodyAsString());
    String body = notAnObject.bodyAsString();
    assertFalse(body.contains("subschema"), body);
    assertTrue(body.contains("\"field\":\"meeting\""), body);
  }
}
