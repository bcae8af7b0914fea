package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.mooring.platform.calendar.Recurrence;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dashboard's next session comes from stored occurrences: same answers as ical4j, DST-safe, overrides honoured. */
@ExtendWith(ServerPerClass.class)
class SupervisionNextSessionIT {
  static TestServer server;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
  }

  static JsonObject next(Fixtures.Person sup, long pairingId) {
    var res = server.as(sup).get(API + "/dashboard");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("supervisees").stream().map(o -> (JsonObject) o)
        .filter(r -> r.getLong("pairingId") == pairingId).findFirst().orElseThrow().getJsonObject("nextSession");
  }

  static Instant startsAt(JsonObject next) {
    return OffsetDateTime.parse(next.getString("startsAt")).toInstant();
  }

  @Test
  void storedOccurrencesKeepLocalTimeAcrossDstAndOverridesMoveTheNextSession() {
    long org = server.fixtures().anOrganization("America/Chicago");
    var sup = server.fixtures().aSupervisor(org);
    long pairing = server.fixtures().aPairing(sup, server.fixtures().aPeer(org), "peer");
    var set = server.as(sup).put(API + "/pairings/" + pairing + "/schedule", SupervisionScheduleIT.weekly("2027-03-08T10:00"));
    assertEquals(200, set.statusCode(), set.bodyAsString());
    long schedule = set.bodyAsJsonObject().getLong("id");

    List<Row> rows = new ArrayList<>();
    server.pool().preparedQuery("""
        select occurrence_start, starts_at from supervision_schedule_occurrences where schedule_id = $1 order by starts_at limit 2""")
        .execute(Tuple.of(schedule)).await().forEach(rows::add);
    assertEquals(2, rows.size(), "setting the schedule stored its occurrences");
    assertEquals(LocalDateTime.parse("2027-03-08T10:00"), rows.get(0).getLocalDateTime(0));
    assertEquals(LocalDateTime.parse("2027-03-15T10:00"), rows.get(1).getLocalDateTime(0));
    assertEquals(Duration.ofDays(7).minusHours(1),
        Duration.between(rows.get(0).getOffsetDateTime(1), rows.get(1).getOffsetDateTime(1)), "14 March 2027 springs forward");

    assertEquals("2027-03-08T10:00:00-06:00", next(sup, pairing).getString("startsAt"));
    var first = server.as(sup).post(API + "/pairings/" + pairing + "/sessions", new JsonObject().put("occurrence", "2027-03-08T10:00"));
    assertEquals(201, first.statusCode(), first.bodyAsString());
    long firstId = first.bodyAsJsonObject().getLong("id");
    assertEquals(firstId, next(sup, pairing).getLong("sessionId"), "a touched occurrence is the stored session");
    assertEquals(200, server.as(sup).patch(API + "/sessions/" + firstId, new JsonObject().put("status", "cancelled")).statusCode());
    assertEquals("2027-03-15T10:00:00-05:00", next(sup, pairing).getString("startsAt"), "cancelled: the series goes on, still at 10:00");

    var second = server.as(sup).post(API + "/pairings/" + pairing + "/sessions", new JsonObject().put("occurrence", "2027-03-15T10:00"));
    long secondId = second.bodyAsJsonObject().getLong("id");
    assertEquals(200, server.as(sup).patch(API + "/sessions/" + secondId,
        new JsonObject().put("startsAt", "2027-03-17T14:00:00-05:00")).statusCode());
    JsonObject moved = next(sup, pairing);
    assertEquals(secondId, moved.getLong("sessionId"), "the rescheduled session (17 March) comes before the series (22 March)");
    assertEquals(Instant.parse("2027-03-17T19:00:00Z"), startsAt(moved));
  }

  @Test
  void schedulesWrittenWithoutTheServiceAreExpandedOnFirstReadAndAgainWhenTheZoneChanges() {
    long org = server.fixtures().anOrganization("Europe/Berlin");
    var sup = server.fixtures().aSupervisor(org);
    long pairing = server.fixtures().aPairing(sup, server.fixtures().aPeer(org), "peer");
    // Like the demo and the benchmark: a five-year-old weekly series inserted directly.
    LocalDateTime firstStart = LocalDateTime.parse("2021-06-07T09:30");
    server.pool().preparedQuery("""
        insert into supervision_schedules (pairing_id, rrule, first_start, duration_minutes, modality, cadence_days)
        values ($1, 'FREQ=WEEKLY', $2, 60, 'phone', 7)""").execute(Tuple.of(pairing, firstStart)).await();

    JsonObject next = next(sup, pairing);
    assertNotNull(next);
    Instant expected = Recurrence.next("FREQ=WEEKLY", firstStart, ZoneId.of("Europe/Berlin"), Instant.now()).toInstant();
    assertEquals(expected, startsAt(next), "the same answer as expanding with ical4j");
    assertEquals("phone", next.getString("modality"));
    assertEquals(1L, server.pool().preparedQuery("""
        select count(*) from supervision_schedules where pairing_id = $1 and occurrences_until > now() + interval '1 year'
           and occurrences_zone = 'Europe/Berlin'""").execute(Tuple.of(pairing)).await().iterator().next().getLong(0));

    server.pool().preparedQuery("update organizations set time_zone = 'America/New_York' where id = $1").execute(Tuple.of(org)).await();
    Instant expectedNy = Recurrence.next("FREQ=WEEKLY", firstStart, ZoneId.of("America/New_York"), Instant.now()).toInstant();
    assertEquals(expectedNy, startsAt(next(sup, pairing)), "re-expanded in the organization's new zone: 09:30 New York");
  }
}
