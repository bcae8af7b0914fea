package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Schedules in the organization's zone, overdue pairings, the calendar feed, hours and their CSV. */
@ExtendWith(ServerPerClass.class)
class SupervisionScheduleIT {
  static TestServer server;
  static long org;
  static Fixtures.Person admin;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization("America/Chicago");
    admin = server.fixtures().anAdmin(org);
  }

  static JsonObject weekly(String firstStart) {
    return new JsonObject().put("cadence", "weekly").put("firstStart", firstStart).put("durationMinutes", 45).put("modality", "video");
  }

  @Test
  void upcomingSessionsKeepLocalTimeAcrossDst() {
    var sup = server.fixtures().aSupervisor(org);
    long pairing = server.fixtures().aPairing(sup, server.fixtures().aPeer(org), "peer");
    var set = server.as(sup).put(API + "/pairings/" + pairing + "/schedule", weekly("2026-02-24T10:00"));
    assertEquals(200, set.statusCode(), set.bodyAsString());
    assertEquals(7, set.bodyAsJsonObject().getInteger("cadenceDays"));
    var res = server.as(sup).get(API + "/pairings/" + pairing + "/upcoming?from=2026-03-01T00:00:00Z&days=21");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    List<String> starts = res.bodyAsJsonObject().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("startsAt")).toList();
    assertEquals(List.of("2026-03-03T10:00:00-06:00", "2026-03-10T10:00:00-05:00", "2026-03-17T10:00:00-05:00"), starts, "10:00 Chicago before and after 8 March");
    assertEquals(400, server.as(sup).put(API + "/pairings/" + pairing + "/schedule",
        weekly("2026-02-24T10:00").put("cadence", "custom").put("rrule", "FREQ=MINUTELY")).statusCode());
    assertEquals(400, server.as(sup).post(API + "/pairings/" + pairing + "/sessions", new JsonObject().put("occurrence", "2026-03-04T10:00"))
        .statusCode(), "not an occurrence of the series");
  }

  /** "Two clicks give one session": the probe posted one occurrence six times at once and got three 409s "That already exists.". */
  @Test
  void oneOccurrencePostedManyTimesAtOnceAnswersTheOneSessionEveryTime() {
    var sup = server.fixtures().aSupervisor(org);
    long pairing = server.fixtures().aPairing(sup, server.fixtures().aPeer(org), "peer");
    assertEquals(200, server.as(sup).put(API + "/pairings/" + pairing + "/schedule", weekly("2026-12-02T10:00")).statusCode());
    for (String occurrence : List.of("2026-12-09T10:00", "2026-12-16T10:00", "2026-12-23T10:00")) {
      List<io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>> sent = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        sent.add(server.as(sup).request(io.vertx.core.http.HttpMethod.POST, API + "/pairings/" + pairing + "/sessions")
            .sendJsonObject(new JsonObject().put("occurrence", occurrence)));
      }
      java.util.Set<Long> ids = new java.util.HashSet<>();
      for (var f : sent) {
        var res = f.await();
        assertEquals(201, res.statusCode(), occurrence + " " + res.bodyAsString());
        ids.add(res.bodyAsJsonObject().getLong("id"));
      }
      assertEquals(1, ids.size(), occurrence + " " + ids);
    }
  }

  @Test
  void pairingsWithoutAHeldSessionInTheirCadencePlusGraceAreOverdue() {
    var sup = server.fixtures().aSupervisor(org);
    var late = server.fixtures().aPeer(org);
    var fine = server.fixtures().aPeer(org);
    long latePairing = server.fixtures().aPairing(sup, late, "peer");
    long finePairing = server.fixtures().aPairing(sup, fine, "peer");
    ZoneId zone = ZoneId.of("America/Chicago");
    String start = LocalDate.now(zone).minusDays(40).atTime(10, 0).toString();
    server.as(sup).put(API + "/pairings/" + latePairing + "/schedule", weekly(start));
    server.as(sup).put(API + "/pairings/" + finePairing + "/schedule", weekly(start));
    server.pool().preparedQuery("update supervision_pairings set created_at = now() - interval '60 days' where id = any($1)")
        .execute(Tuple.of((Object) new Long[] {latePairing, finePairing})).await();
    long held = Steps.oneOffSession(server, sup, finePairing, LocalDateTime.now(zone).minusDays(10).atZone(zone).toOffsetDateTime().toString());
    assertEquals(200, server.as(sup).patch(API + "/sessions/" + held, new JsonObject().put("status", "held")).statusCode());

    JsonObject dash = server.as(sup).get(API + "/dashboard").bodyAsJsonObject();
    assertEquals(1, dash.getLong("overdue"), dash.encodePrettily());
    JsonObject lateRow = row(dash, latePairing);
    assertTrue(lateRow.getBoolean("overdue"));
    assertFalse(row(dash, finePairing).getBoolean("overdue"), "held 10 days ago: within 7 + 7 days grace");
    assertNotNull(lateRow.getJsonObject("nextSession"));
    assertEquals(late.displayName(), lateRow.getJsonObject("supervisee").getString("displayName"));

    assertEquals(200, server.as(admin).put(API + "/settings", new JsonObject().put("graceDays", 2)).statusCode());
    JsonObject overview = server.as(admin).get(API + "/overview").bodyAsJsonObject();
    List<Long> overdue = overview.getJsonArray("overdue").stream().map(o -> ((JsonObject) o).getLong("pairingId")).toList();
    assertTrue(overdue.contains(latePairing) && overdue.contains(finePairing), "10 days > 7 + 2: " + overdue);
    assertEquals(403, server.as(sup).put(API + "/settings", new JsonObject().put("graceDays", 30)).statusCode());
    server.as(admin).put(API + "/settings", new JsonObject().put("graceDays", 7));
  }

  @Test
  void theCalendarFeedListsTitlesAndTimesOnlyAndRotates() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    ZoneId zone = ZoneId.of("America/Chicago");
    server.as(sup).put(API + "/pairings/" + pairing + "/schedule", weekly(LocalDate.now(zone).minusDays(3).atTime(10, 0).toString()));
    long s = Steps.oneOffSession(server, sup, pairing, LocalDateTime.now(zone).minusDays(1).atZone(zone).toOffsetDateTime().toString());
    Steps.writeAndSign(server.as(sup), s, Steps.startRecord(server.as(sup), s), Steps.content("2026-01-01T10:00:00-06:00"));

    String path = server.as(peer).post(API + "/feed", new JsonObject()).bodyAsJsonObject().getString("path");
    var feed = server.anonymous().get(path);
    assertEquals(200, feed.statusCode(), feed.bodyAsString());
    assertTrue(feed.getHeader("Content-Type").startsWith("text/calendar"));
    String ics = feed.bodyAsString();
    assertTrue(ics.contains("BEGIN:VCALENDAR") && ics.contains("SUMMARY:Supervision with " + sup.displayName()), ics);
    java.time.ZonedDateTime now = java.time.ZonedDateTime.now(zone);
    assertTrue(io.mooring.support.Ics.expand(ics, now, now.plusDays(120)).size() > 10, "about 17 weeks ahead");
    assertFalse(ics.contains("housing story") || ics.contains("van"), "never record content");

    String rotated = server.as(peer).post(API + "/feed", new JsonObject()).bodyAsJsonObject().getString("path");
    assertEquals(404, server.anonymous().get(path).statusCode());
    assertEquals(200, server.anonymous().get(rotated).statusCode());
    assertEquals(404, server.anonymous().get("/supervision/feed/not-a-secret.ics").statusCode());
  }

  @Test
  void hoursBySupervisionTypeAndMonthWithCsvExport() {
    var peerSup = server.fixtures().aSupervisor(org);
    var clinician = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long p1 = server.fixtures().aPairing(peerSup, peer, "peer");
    long p2 = server.fixtures().aPairing(clinician, peer, "clinical");
    for (String at : new String[] {"2026-01-06T10:00:00-06:00", "2026-01-20T10:00:00-06:00", "2026-02-03T10:00:00-06:00"}) {
      long id = Steps.oneOffSession(server, peerSup, p1, at);
      server.as(peerSup).patch(API + "/sessions/" + id, new JsonObject().put("status", "held"));
    }
    long c = Steps.oneOffSession(server, clinician, p2, "2026-01-15T09:00:00-06:00");
    server.as(clinician).patch(API + "/sessions/" + c, new JsonObject().put("status", "held").put("durationMinutes", 90));
    long missed = Steps.oneOffSession(server, clinician, p2, "2026-01-22T09:00:00-06:00");
    server.as(clinician).patch(API + "/sessions/" + missed, new JsonObject().put("status", "missed"));

    JsonObject hours = server.as(peer).get(API + "/supervisees/" + peer.id() + "/hours").bodyAsJsonObject();
    assertEquals(4.5, hours.getDouble("totalHours"));
    assertEquals(4, hours.getJsonArray("sessions").size());
    assertTrue(hours.getJsonArray("byMonthAndType").contains(new JsonObject().put("month", "2026-01").put("type", "peer")
        .put("minutes", 120).put("hours", 2.0)), hours.encode());
    var csv = server.as(admin).get(API + "/supervisees/" + peer.id() + "/hours.csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.getHeader("Content-Type").startsWith("text/csv"));
    String[] lines = csv.bodyAsString().split("\r\n");
    assertEquals("date,duration_minutes,session_type,supervision_type,supervisor,credential", lines[0]);
    assertEquals("2026-01-15,90,individual,clinical," + clinician.displayName() + ",LCSW", lines[2]);
    assertEquals(1, server.as(clinician).get(API + "/supervisees/" + peer.id() + "/hours").bodyAsJsonObject()
        .getJsonArray("sessions").size(), "a supervisor counts their own sessions");
  }

  /** The field named in a 400 problem+json, or a failure saying what came back instead. */
  static void assertBad(io.vertx.ext.web.client.HttpResponse<?> res, String field, String what) {
    assertEquals(400, res.statusCode(), what + " " + res.bodyAsString());
    assertTrue(res.getHeader("Content-Type").startsWith("application/problem+json"), what);
    assertTrue(res.bodyAsJsonObject().getJsonArray("errors").stream().map(JsonObject.class::cast)
        .anyMatch(e -> field.equals(e.getString("field"))), what + " should name " + field + ": " + res.bodyAsString());
  }

  @Test
  void datesOutsideThePlausibleYearsAre400sNamingTheFieldAndNothingIsStoredOrCounted() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    for (String at : new String[] {"0000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "9999-12-31T23:59:59-18:00", "2200-01-01T00:00:00Z"}) {
      assertBad(server.as(sup).post(API + "/pairings/" + pairing + "/sessions",
          new JsonObject().put("startsAt", at).put("durationMinutes", 60).put("modality", "video")), "startsAt", at);
    }
    long held = Steps.oneOffSession(server, sup, pairing, "2026-01-06T10:00:00-06:00");
    assertBad(server.as(sup).patch(API + "/sessions/" + held, new JsonObject().put("startsAt", "0000-01-01T00:00:00Z").put("status", "held")),
        "startsAt", "moved to year 0");
    assertEquals(200, server.as(sup).patch(API + "/sessions/" + held, new JsonObject().put("status", "held")).statusCode());
    JsonObject hours = server.as(peer).get(API + "/supervisees/" + peer.id() + "/hours").bodyAsJsonObject();
    assertEquals(List.of("2026-01"), hours.getJsonArray("byMonthAndType").stream().map(o -> ((JsonObject) o).getString("month")).toList());
    assertBad(server.as(sup).put(API + "/pairings/" + pairing + "/schedule", weekly("0001-01-01T10:00")), "firstStart", "year 1");
    assertBad(server.as(sup).put(API + "/pairings/" + pairing + "/schedule", weekly("9999-12-31T10:00")), "firstStart", "year 9999");
    assertBad(server.as(sup).post(API + "/schedule-preview", weekly("0001-01-01T10:00")), "firstStart", "preview of year 1");
    assertBad(server.as(sup).get(API + "/pairings/" + pairing + "/upcoming?from=0000-01-01T00:00:00Z"), "from", "upcoming from year 0");
    assertEquals(201, server.as(sup).post(API + "/pairings/" + pairing + "/sessions", new JsonObject().put("startsAt", "1900-01-01T00:00:00Z")
        .put("durationMinutes", 60).put("modality", "video")).statusCode(), "the first plausible year");
    assertEquals(200, server.as(sup).put(API + "/pairings/" + pairing + "/schedule", weekly("2199-12-31T10:00")).statusCode(),
        "the last plausible year");
  }

  @Test
  void customRulesThatRepeatWithinADayOrNeverOccurAre400sAndKeepTheWorkingSchedule() {
    var sup = server.fixtures().aSupervisor(org);
    long pairing = server.fixtures().aPairing(sup, server.fixtures().aPeer(org), "peer");
    assertEquals(200, server.as(sup).put(API + "/pairings/" + pairing + "/schedule", weekly("2026-03-03T10:00")).statusCode());
    StringBuilder hours = new StringBuilder();
    StringBuilder minutes = new StringBuilder();
    for (int h = 0; h < 24; h++) {
      hours.append(h == 0 ? "" : ",").append(h);
    }
    for (int m = 0; m < 60; m++) {
      minutes.append(m == 0 ? "" : ",").append(m);
    }
    for (String rule : List.of("FREQ=DAILY;BYHOUR=" + hours + ";BYMINUTE=" + minutes, "FREQ=DAILY;BYHOUR=9,17", "FREQ=WEEKLY;BYMINUTE=0,30",
        "FREQ=WEEKLY;BYDAY=MO,TU;BYHOUR=0,23;BYSETPOS=2,3", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=WEEKLY;UNTIL=20000101T000000Z",
        "FREQ=WEEKLY;COUNT=0", "FREQ=WEEKLY;INTERVAL=0", "FREQ=WEEKLY;INTERVAL=-1")) {
      JsonObject body = weekly("2026-03-03T10:00").put("cadence", "custom").put("rrule", rule);
      assertBad(server.as(sup).put(API + "/pairings/" + pairing + "/schedule", body), "rrule", rule);
      assertBad(server.as(sup).post(API + "/schedule-preview", body), "rrule", "preview " + rule);
    }
    var res = server.as(sup).get(API + "/pairings/" + pairing + "/upcoming?from=2026-03-01T00:00:00Z&days=21");
    List<String> starts = res.bodyAsJsonObject().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("startsAt")).toList();
    assertEquals(List.of("2026-03-03T10:00:00-06:00", "2026-03-10T10:00:00-05:00", "2026-03-17T10:00:00-05:00"), starts, "still weekly");
    for (String rule : List.of("FREQ=DAILY", "FREQ=MONTHLY;BYDAY=1TU", "FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=MONTHLY;BYMONTHDAY=1,-1",
        "FREQ=WEEKLY;COUNT=3")) {
      var ok = server.as(sup).put(API + "/pairings/" + pairing + "/schedule", weekly("2026-03-03T10:00").put("cadence", "custom").put("rrule", rule));
      assertEquals(200, ok.statusCode(), rule + " " + ok.bodyAsString());
    }
  }

  static JsonObject row(JsonObject dash, long pairingId) {
    return dash.getJsonArray("supervisees").stream().map(o -> (JsonObject) o).filter(o -> o.getLong("pairingId") == pairingId)
        .findFirst().orElseThrow();
  }
}
