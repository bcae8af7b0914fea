package io.mooring.checkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * Flags that encode the peer's answers (pulses, time on medication) reach a supervisor only while the
 * peer shares the answers, on every path: the check-in, the trend, the page, supervision's dashboard
 * and record section, and the notice. Flags from the score (always shared) and the discuss request stay.
 */
@ExtendWith(ServerPerClass.class)
class CheckInFlagSharingIT {
  static TestServer server;
  static Fixtures f;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    f = server.fixtures();
    org = f.anOrganization();
  }

  /** Score 40 (threshold), medication time, asked outside the role often, not included. */
  static JsonObject body(boolean shareAnswers) {
    return new JsonObject().put("unit", "percent")
        .put("activities", new JsonObject().put("lived_experience", 55).put("filing", 40).put("medication", 5))
        .put("pulses", new JsonObject().put("felt_included", 1).put("felt_supported", 3).put("role_understood", 3)
            .put("asked_outside_role", 5))
        .put("discuss", true).put("shareAnswers", shareAnswers).put("shareReflection", false);
  }

  static List<String> kinds(JsonArray flags) {
    return flags.stream().map(o -> ((JsonObject) o).getString("kind")).sorted().toList();
  }

  static final List<String> FROM_SCORE = List.of("discuss", "threshold");
  static final List<String> ALL = List.of("asked_outside_role", "discuss", "medication", "not_included", "threshold");

  static void assertSupervisorSees(Fixtures.Person sup, Fixtures.Person peer, long id, List<String> expected) {
    var one = server.as(sup).get("/api/v1/checkins/" + id).bodyAsJsonObject();
    assertEquals(expected, kinds(one.getJsonArray("flags")), "check-in detail");
    var trend = server.as(sup).get("/api/v1/checkins/people/" + peer.id()).bodyAsJsonObject();
    assertEquals(expected, kinds(trend.getJsonArray("items").getJsonObject(0).getJsonArray("flags")), "trend items");
    assertEquals(expected, kinds(trend.getJsonArray("openFlags")), "trend open flags");
    var dashboard = server.as(sup).get("/api/v1/supervision/dashboard").bodyAsJsonObject().getJsonArray("supervisees");
    JsonObject row = dashboard.stream().map(o -> (JsonObject) o)
        .filter(r -> r.getJsonObject("supervisee").getLong("id") == peer.id()).findFirst().orElseThrow();
    assertEquals(expected, kinds(row.getJsonArray("driftFlags")), "supervision dashboard");
    var latest = server.services().checkins().latestShared(f.currentUser(sup), peer.id()).await().orElseThrow();
    assertEquals(expected, kinds(latest.getJsonArray("flags")), "latest shared for supervision records");
    String page = server.as(sup).request(HttpMethod.GET, "/checkins/people/" + peer.id()).putHeader("Accept", "text/html")
        .send().await().bodyAsString();
    boolean shown = expected.contains("not_included");
    for (String hidden : List.of("not included", "asked outside role", "medication ×", ">medication<")) {
      assertEquals(shown, page.contains(hidden), "person page: " + hidden);
    }
    assertTrue(page.contains("threshold"), "the score's flag stays on the page");
  }

  @Test
  void flagsFromUnsharedAnswersReachNoSupervisorPath() {
    var peer = f.aPeer(org);
    var sup = f.aSupervisor(org);
    f.aPairing(sup, peer, "clinical");
    var created = server.as(peer).post("/api/v1/checkins", body(false));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long id = created.bodyAsJsonObject().getLong("id");
    assertEquals(ALL, kinds(created.bodyAsJsonObject().getJsonArray("flags")), "the peer sees every flag");

    assertSupervisorSees(sup, peer, id, FROM_SCORE);

    assertEquals(200, server.as(peer).patch("/api/v1/checkins/" + id + "/sharing", new JsonObject().put("shareAnswers", true)).statusCode());
    assertSupervisorSees(sup, peer, id, ALL);

    assertEquals(200, server.as(peer).patch("/api/v1/checkins/" + id + "/sharing", new JsonObject().put("shareAnswers", false)).statusCode());
    assertSupervisorSees(sup, peer, id, FROM_SCORE);

    // A flag the supervisor cannot see cannot be resolved either (nor probed for by id).
    var mine = server.as(peer).get("/api/v1/checkins/" + id).bodyAsJsonObject().getJsonArray("flags");
    long hidden = mine.stream().map(o -> (JsonObject) o).filter(x -> x.getString("kind").equals("not_included"))
        .findFirst().orElseThrow().getLong("id");
    var err = assertThrowsApp(() -> server.services().checkins().resolveFlags(f.currentUser(sup), peer.id(), List.of(hidden), 1L).await());
    assertEquals(ErrorCode.NOT_FOUND, err.code());
  }

  @Test
  void theNoticeNamesNoKindThatSharingCouldWithdraw() {
    var peer = f.aPeer(org);
    var sup = f.aSupervisor(org);
    f.aPairing(sup, peer, "peer");
    var created = server.as(peer).post("/api/v1/checkins", body(true));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long id = created.bodyAsJsonObject().getLong("id");
    assertEquals(200, server.as(peer).patch("/api/v1/checkins/" + id + "/sharing", new JsonObject().put("shareAnswers", false)).statusCode());
    JsonArray items = server.as(sup).get("/api/v1/notifications").bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, items.size());
    String title = items.getJsonObject(0).getString("title");
    assertTrue(title.contains("raised a role-drift flag"), title);
    for (String kind : List.of("asked outside role", "not included", "medication")) {
      assertFalse(title.contains(kind), "answers no longer shared, yet the notice reads: " + title);
    }
  }

  static AppException assertThrowsApp(Executable e) {
    Throwable t = assertThrows(Throwable.class, e);
    while (!(t instanceof AppException) && t.getCause() != null) {
      t = t.getCause();
    }
    assertTrue(t instanceof AppException, t.toString());
    return (AppException) t;
  }
}
