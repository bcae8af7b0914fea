package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 12 item 6: errors in the words of the form a person sees, from one mapping, on pages and in the API. */
@ExtendWith(ServerPerClass.class)
class PlainErrorsIT {
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
  void aDuplicateEmailOnTheAdminFormKeepsWhatWasTypedAndSaysWhatToDo() {
    Fixtures.Person taken = server.fixtures().aPeer(org);
    var res = server.as(admin).request(HttpMethod.POST, "/admin/users").putHeader("Accept", "text/html")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("displayName", "Robin Typed-Once").add("email", taken.email())
            .add("password", "a-long-enough-password").add("roles", "peer").add("roles", "supervisor")).await();
    assertEquals(409, res.statusCode(), res.bodyAsString());
    String html = res.bodyAsString();
    assertTrue(html.contains("Email: is already used by another account: use a different address"), html);
    assertTrue(html.contains("value=\"Robin Typed-Once\""), "the name is kept");
    assertTrue(html.contains("value=\"" + taken.email() + "\""), "the e-mail is kept");
    assertTrue(html.contains("value=\"supervisor\" checked"), "the roles are kept");
    assertFalse(html.contains("a-long-enough-password"), "never the password");
  }

  @Test
  void apiProblemsCarryTheFormsLabel() {
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    var made = server.as(sup).post("/api/v1/supervision/pairings/" + pairing + "/sessions",
        new JsonObject().put("startsAt", OffsetDateTime.now().minusMinutes(10).toString()));
    long session = made.bodyAsJsonObject().getLong("id");
    var started = server.as(sup).post("/api/v1/supervision/sessions/" + session + "/record", new JsonObject());
    var bad = server.as(sup).request(HttpMethod.PUT, "/api/v1/supervision/sessions/" + session + "/record")
        .putHeader("If-Match", started.getHeader("ETag"))
        .sendJsonObject(new JsonObject().put("session", new JsonObject().put("type", "individual").put("modality", "video")
                .put("startsAt", OffsetDateTime.now().toString()).put("durationMinutes", 60))
            .put("strengths", new JsonArray().add(new JsonObject().put("text", "Advocacy").put("example", "")))).await();
    assertEquals(400, bad.statusCode(), bad.bodyAsString());
    JsonObject error = bad.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("strengths[0].example", error.getString("field"));
    assertEquals("Strength 1, specific example", error.getString("label"));
  }

  @Test
  void aPastExpiryOnTheDisclosurePageIsSaidInTheFormsWords() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    var api = server.as(peer);
    api.request(HttpMethod.POST, "/disclosure/items/pronouns").putHeader("Accept", "text/html")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("text", "they/them")).await();
    var res = api.request(HttpMethod.POST, "/disclosure/items/pronouns/audiences").putHeader("Accept", "text/html")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("audience", "team").add("audience", "organization").add("expiresAt", "2020-01-01")).await();
    assertEquals(400, res.statusCode());
    String html = res.bodyAsString();
    assertTrue(html.contains("Until: "), html);
    assertFalse(html.contains("audiences[0]"), html);
  }

  /** Probe findings: the admin form removes repeated roles as the API does, and refuses invisible names. */
  @Test
  void theAdminFormCollapsesRepeatedRolesAndRefusesInvisibleNames() {
    Fixtures.Person p = server.fixtures().aPeer(org);
    var roles = server.as(admin).request(HttpMethod.POST, "/admin/users/" + p.id()).putHeader("Accept", "text/html")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("roles", "peer").add("roles", "peer").add("roles", "peer").add("roles", "peer")
            .add("active", "true")).await();
    assertEquals(302, roles.statusCode(), roles.bodyAsString());
    assertEquals(new io.vertx.core.json.JsonArray().add("peer"),
        server.as(admin).get("/api/v1/users/" + p.id()).bodyAsJsonObject().getJsonArray("roles"));

    var invisible = server.as(admin).request(HttpMethod.POST, "/admin/users").putHeader("Accept", "text/html")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("displayName", "\u200b\u2060").add("email", "invisible@example.test")
            .add("password", "a-long-enough-password").add("roles", "peer")).await();
    assertEquals(400, invisible.statusCode(), invisible.bodyAsString());
    assertTrue(invisible.bodyAsString().contains("Name: must"), invisible.bodyAsString());
  }
}
