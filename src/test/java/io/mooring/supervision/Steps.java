package io.mooring.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Test steps over the real API, so each test reads as what people do. */
final class Steps {
  private Steps() {}

  static final String API = "/api/v1/supervision";

  static long oneOffSession(TestServer server, Fixtures.Person supervisor, long pairingId, String startsAt) {
    var res = server.as(supervisor).post(API + "/pairings/" + pairingId + "/sessions",
        new JsonObject().put("startsAt", startsAt).put("durationMinutes", 60).put("modality", "video"));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getLong("id");
  }

  /** Starts the record; returns its ETag. */
  static String startRecord(Api supervisor, long sessionId) {
    var res = supervisor.post(API + "/sessions/" + sessionId + "/record", new JsonObject());
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.getHeader("ETag");
  }

  static HttpResponse<Buffer> put(Api api, long sessionId, String etag, JsonObject body) {
    var req = api.request(HttpMethod.PUT, API + "/sessions/" + sessionId + "/record");
    if (etag != null) {
      req.putHeader("If-Match", etag);
    }
    return req.sendJsonObject(body).await();
  }

  static HttpResponse<Buffer> finalizeRecord(Api api, long sessionId, String etag) {
    var req = api.request(HttpMethod.POST, API + "/sessions/" + sessionId + "/record/finalize");
    if (etag != null) {
      req.putHeader("If-Match", etag);
    }
    return req.sendJsonObject(new JsonObject()).await();
  }

  static JsonObject content(String startsAt) {
    return new JsonObject()
        .put("session", new JsonObject().put("type", "individual").put("modality", "video").put("startsAt", startsAt).put("durationMinutes", 60))
        .put("strengths", new JsonArray().add(new JsonObject().put("text", "Shares lived experience with purpose")
            .put("example", "Told her own housing story at the intake so the guest felt less alone")))
        .put("wins", new JsonArray().add("Led the Tuesday group for the first time"))
        .put("growthGoals", new JsonArray().add(new JsonObject().put("text", "Speak up in team huddles")
            .put("domain", "Advocacy")))
        .put("roleClarityNotes", "Asked to drive the van twice; agreed to raise it with the manager.")
        .put("challenges", "Team jokes about peers");
  }

  /** Writes the draft and signs it in one go; returns the signed record. */
  static JsonObject writeAndSign(Api supervisor, long sessionId, String etag, JsonObject content) {
    var saved = put(supervisor, sessionId, etag, content);
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    var signed = finalizeRecord(supervisor, sessionId, saved.getHeader("ETag"));
    assertEquals(200, signed.statusCode(), signed.bodyAsString());
    return signed.bodyAsJsonObject();
  }

  /** A check-in with 60% filing: far above the default threshold of 25, so it raises a flag; returns the flag's id. */
  static long driftingCheckIn(TestServer server, Fixtures.Person peer) {
    JsonObject body = new JsonObject().put("unit", "percent")
        .put("activities", new JsonObject().put("lived_experience", 40).put("filing", 60))
        .put("pulses", new JsonObject().put("asked_outside_role", 1).put("felt_included", 4).put("felt_supported", 4)
            .put("role_understood", 4));
    var res = server.as(peer).post("/api/v1/checkins", body);
    assertEquals(201, res.statusCode(), res.bodyAsString());
    JsonArray flags = res.bodyAsJsonObject().getJsonArray("flags");
    org.junit.jupiter.api.Assertions.assertFalse(flags.isEmpty(), res.bodyAsString());
    return flags.getJsonObject(0).getLong("id");
  }
}
