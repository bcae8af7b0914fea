package io.mooring.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The events that notify people, done over the real API as people do them. */
final class NoticeSteps {
  static final String SUP = "/api/v1/supervision";

  private NoticeSteps() {}

  static long session(TestServer server, Fixtures.Person supervisor, long pairing, OffsetDateTime startsAt) {
    var res = server.as(supervisor).post(SUP + "/pairings/" + pairing + "/sessions",
        new JsonObject().put("startsAt", iso(startsAt)).put("durationMinutes", 60).put("modality", "video"));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getLong("id");
  }

  /** Holds a session yesterday and signs its record, with {@code privateText} in the record; returns the session id. */
  static long signedRecord(TestServer server, Fixtures.Person supervisor, long pairing, String privateText) {
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.HOURS);
    long session = session(server, supervisor, pairing, at);
    var api = server.as(supervisor);
    var started = api.post(SUP + "/sessions/" + session + "/record", new JsonObject());
    assertEquals(201, started.statusCode(), started.bodyAsString());
    var saved = api.request(HttpMethod.PUT, SUP + "/sessions/" + session + "/record").putHeader("If-Match", started.getHeader("ETag"))
        .sendJsonObject(content(iso(at), privateText)).await();
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    var signed = api.request(HttpMethod.POST, SUP + "/sessions/" + session + "/record/finalize")
        .putHeader("If-Match", saved.getHeader("ETag")).sendJsonObject(new JsonObject()).await();
    assertEquals(200, signed.statusCode(), signed.bodyAsString());
    return session;
  }

  static String iso(OffsetDateTime t) {
    return t.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  static JsonObject content(String startsAt, String privateText) {
    return new JsonObject()
        .put("session", new JsonObject().put("type", "individual").put("modality", "video").put("startsAt", startsAt).put("durationMinutes", 60))
        .put("strengths", new JsonArray().add(new JsonObject().put("text", "Shares lived experience " + privateText)
            .put("example", "Told her own story at intake " + privateText)))
        .put("wins", new JsonArray().add("Led the group " + privateText))
        .put("growthGoals", new JsonArray().add(new JsonObject().put("text", "Speak up " + privateText).put("domain", "Advocacy")))
        .put("roleClarityNotes", "Asked to drive the van " + privateText)
        .put("challenges", "Team jokes " + privateText);
  }

  /** A check-in with 60% filing (raises a flag), the reflection holding {@code privateText}, answers shared or not. */
  static JsonObject driftingCheckIn(TestServer server, Fixtures.Person peer, String privateText, boolean shareAnswers) {
    return driftingCheckIn(server, peer, privateText, shareAnswers, null);
  }

  static JsonObject driftingCheckIn(TestServer server, Fixtures.Person peer, String privateText, boolean shareAnswers,
                                    java.time.LocalDate periodEnd) {
    JsonObject body = new JsonObject().put("unit", "percent")
        .put("activities", new JsonObject().put("lived_experience", 40).put("filing", 60))
        .put("pulses", new JsonObject().put("asked_outside_role", 1).put("felt_included", 4).put("felt_supported", 4).put("role_understood", 4))
        .put("reflection", "I felt " + privateText).put("shareAnswers", shareAnswers);
    if (periodEnd != null) {
      body.put("periodEnd", periodEnd.toString());
    }
    var res = server.as(peer).post("/api/v1/checkins", body);
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  static JsonObject notifications(TestServer server, Fixtures.Person p) {
    var res = server.as(p).get("/api/v1/notifications");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  static JsonArray kinds(TestServer server, Fixtures.Person p) {
    JsonArray kinds = new JsonArray();
    notifications(server, p).getJsonArray("items").forEach(o -> kinds.add(((JsonObject) o).getString("kind")));
    return kinds;
  }
}
