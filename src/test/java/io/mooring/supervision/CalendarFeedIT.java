package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.Ics;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.LastModified;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The calendar feed as a calendar app sees it: one recurring series per schedule with its zone's VTIMEZONE, a moved
 * occurrence as an override and a cancelled one as an exclusion, UIDs that never change, DTSTAMP/LAST-MODIFIED that move
 * only with a change, ETag / If-None-Match, and a rotate call that returns the full address.
 */
@ExtendWith(VertxExtension.class)
class CalendarFeedIT {
  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static TestServer server;
  static TestServer behindProxy;
  static long org;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    behindProxy = TestServer.start(vertx, server.db(), Map.of("MOORING_PUBLIC_URL", "https://mooring.example.org"));
    org = server.fixtures().anOrganization("America/Chicago");
  }

  @AfterAll
  static void stop() {
    behindProxy.close();
    server.close();
  }

  @Test
  void aScheduleIsOneSeriesWhoseMovedAndCancelledOccurrencesKeepItsUidAcrossDaylightSaving() {
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    LocalDateTime first = LocalDate.now(CHICAGO).minusDays(21).atTime(10, 0);
    var schedule = server.as(sup).put(API + "/pairings/" + pairing + "/schedule", new JsonObject().put("cadence", "weekly")
        .put("firstStart", first.toString()).put("durationMinutes", 45).put("modality", "video"));
    assertEquals(200, schedule.statusCode(), schedule.bodyAsString());
    long scheduleId = schedule.bodyAsJsonObject().getLong("id");

    ZonedDateTime from = ZonedDateTime.now(CHICAGO);
    ZonedDateTime to = from.plusDays(150);
    List<LocalDateTime> series = new ArrayList<>();
    for (LocalDateTime t = first; t.atZone(CHICAGO).isBefore(to); t = t.plusWeeks(1)) {
      if (t.atZone(CHICAGO).isAfter(from)) {
        series.add(t);
      }
    }
    LocalDateTime moved = series.get(1);
    LocalDateTime cancelled = series.get(2);
    LocalDateTime movedTo = moved.plusDays(1).withHour(14);
    var move = server.as(sup).post(API + "/pairings/" + pairing + "/sessions", new JsonObject().put("occurrence", moved.toString())
        .put("startsAt", movedTo.atZone(CHICAGO).toOffsetDateTime().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
    assertEquals(201, move.statusCode(), move.bodyAsString());
    var cancel = server.as(sup).post(API + "/pairings/" + pairing + "/sessions", new JsonObject().put("occurrence", cancelled.toString()));
    assertEquals(201, cancel.statusCode(), cancel.bodyAsString());
    assertEquals(200, server.as(sup).patch(API + "/sessions/" + cancel.bodyAsJsonObject().getLong("id"),
        new JsonObject().put("status", "cancelled")).statusCode());

    JsonObject rotated = server.as(peer).post(API + "/feed", new JsonObject()).bodyAsJsonObject();
    assertEquals(server.baseUrl() + rotated.getString("path"), rotated.getString("url"), "the full address to paste into a calendar app");
    var res = server.anonymous().get(rotated.getString("path"));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    String ics = res.bodyAsString();
    assertTrue(ics.contains("BEGIN:VTIMEZONE") && ics.contains("TZID:America/Chicago"), "the organization's zone travels with the feed");
    assertTrue(ics.contains("RRULE:FREQ=WEEKLY"), "one recurring series, not 120 days of copies");

    List<Instant> expected = new ArrayList<>();
    for (LocalDateTime t : series) {
      if (t.equals(moved)) {
        expected.add(movedTo.atZone(CHICAGO).toInstant());
      } else if (!t.equals(cancelled)) {
        expected.add(t.atZone(CHICAGO).toInstant());
      }
    }
    expected.sort(null);
    List<Ics.Meeting> seen = Ics.expand(ics, from, to).stream().filter(m -> m.title().startsWith("Supervision with")).toList();
    assertEquals(expected, seen.stream().map(Ics.Meeting::start).toList(), "the dates a calendar app shows");
    assertTrue(seen.stream().allMatch(m -> m.uid().equals("mooring-schedule-" + scheduleId + "@mooring")), "one UID for the whole series");
    assertEquals(2, seen.stream().filter(m -> !m.start().atZone(CHICAGO).toLocalDateTime().equals(movedTo))
        .map(m -> m.start().atZone(CHICAGO).getOffset()).distinct().count(), "150 days from any date cross a daylight-saving change");
    assertTrue(seen.stream().filter(m -> !m.start().atZone(CHICAGO).toLocalDateTime().equals(movedTo))
        .allMatch(m -> m.start().atZone(CHICAGO).toLocalTime().equals(LocalTime.of(10, 0))), "10:00 local in CST and CDT alike");
    assertTrue(seen.stream().allMatch(m -> m.end().equals(m.start().plusSeconds(45 * 60))));
  }

  @Test
  void anUnchangedFeedIsTheSameBytesAndAnswers304AndAChangeMovesItsStamps() throws Exception {
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    server.as(sup).put(API + "/pairings/" + pairing + "/schedule", new JsonObject().put("cadence", "weekly")
        .put("firstStart", LocalDate.now(CHICAGO).plusDays(2).atTime(9, 30).toString()).put("durationMinutes", 60).put("modality", "phone"));
    String path = server.as(peer).post(API + "/feed", new JsonObject()).bodyAsJsonObject().getString("path");
    var first = server.anonymous().get(path);
    Thread.sleep(1100);
    var second = server.anonymous().get(path);
    assertEquals(first.bodyAsString(), second.bodyAsString(), "DTSTAMP is the last change, not the time of the fetch");
    String etag = first.getHeader("ETag");
    assertEquals(etag, second.getHeader("ETag"));
    var notModified = server.anonymous().request(io.vertx.core.http.HttpMethod.GET, path).putHeader("If-None-Match", etag).send().await();
    assertEquals(304, notModified.statusCode());
    assertEquals(0, notModified.bodyAsBuffer() == null ? 0 : notModified.bodyAsBuffer().length());

    String before = stamp(first.bodyAsString());
    server.as(sup).put(API + "/pairings/" + pairing + "/schedule", new JsonObject().put("cadence", "weekly")
        .put("firstStart", LocalDate.now(CHICAGO).plusDays(2).atTime(11, 0).toString()).put("durationMinutes", 60).put("modality", "phone"));
    var changed = server.anonymous().request(io.vertx.core.http.HttpMethod.GET, path).putHeader("If-None-Match", etag).send().await();
    assertEquals(200, changed.statusCode(), "a changed feed is sent again");
    assertNotEquals(etag, changed.getHeader("ETag"));
    assertTrue(stamp(changed.bodyAsString()).compareTo(before) > 0, "LAST-MODIFIED moves with the change");
  }

  @Test
  void aZoneStoredBeforeZonesWereCheckedThatTheCalendarLibraryDoesNotKnowStillGivesAFeedAtTheRightTimes() {
    // Organizations saved before the time zone had to be an IANA region may hold an offset or a zone ical4j lacks.
    for (String stored : List.of("+05:00", "Z", "UTC+05:00", "SystemV/EST5", "+05:30", "-09:30")) {
      ZoneId zone = ZoneId.of(stored);
      long odd = server.fixtures().anOrganization(stored);
      Fixtures.Person sup = server.fixtures().aSupervisor(odd);
      Fixtures.Person peer = server.fixtures().aPeer(odd);
      long pairing = server.fixtures().aPairing(sup, peer, "peer");
      LocalDateTime first = LocalDate.now(zone).plusDays(1).atTime(10, 0);
      var schedule = server.as(sup).put(API + "/pairings/" + pairing + "/schedule", new JsonObject().put("cadence", "weekly")
          .put("firstStart", first.toString()).put("durationMinutes", 45).put("modality", "video"));
      assertEquals(200, schedule.statusCode(), schedule.bodyAsString());
      String path = server.as(sup).post(API + "/feed", new JsonObject()).bodyAsJsonObject().getString("path");
      var res = server.anonymous().get(path);
      assertEquals(200, res.statusCode(), stored + ": " + res.bodyAsString());
      ZonedDateTime from = ZonedDateTime.now(zone);
      List<Instant> seen = Ics.expand(res.bodyAsString(), from, from.plusDays(20)).stream().map(Ics.Meeting::start).toList();
      assertEquals(List.of(first, first.plusWeeks(1), first.plusWeeks(2)).stream().map(t -> t.atZone(zone).toInstant()).toList(), seen,
          stored + ": 10:00 in the stored zone\n" + res.bodyAsString());
    }
  }

  @Test
  void withAPublicUrlTheRotateCallReturnsThatAddress() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    JsonObject rotated = behindProxy.as(peer).post(API + "/feed", new JsonObject()).bodyAsJsonObject();
    assertEquals("https://mooring.example.org" + rotated.getString("path"), rotated.getString("url"));
  }

  /** The latest LAST-MODIFIED of the feed's events; the VTIMEZONE's own stamp is the tz data's, not ours. */
  private static String stamp(String ics) {
    return Ics.parse(ics).<VEvent>getComponents("VEVENT").stream()
        .map(e -> e.<LastModified>getProperty(Property.LAST_MODIFIED).orElseThrow().getValue())
        .max(String::compareTo).orElseThrow();
  }
}
