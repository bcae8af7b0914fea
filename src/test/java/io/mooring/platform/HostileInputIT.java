package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The hostile requests of issue 11, each of which used to be a 500 (or was silently stored or
 * rewritten): every one is now a 4xx problem+json that names what is wrong.
 */
@ExtendWith(ServerPerClass.class)
class HostileInputIT {
  static TestServer server;
  static Fixtures.Person admin;
  static Fixtures.Person peer;
  static Fixtures.Person supervisor;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    long org = server.fixtures().anOrganization();
    admin = server.fixtures().anAdmin(org);
    peer = server.fixtures().aPeer(org);
    supervisor = server.fixtures().aSupervisor(org);
  }

  @Test
  void anEscapedPercentInAQueryValueIsA400SignedInOrNot() {
    assertProblem(400, server.as(peer).get("/api/v1/checkins?before=%25"), "before");
    assertProblem(400, server.anonymous().get("/api/v1/checkins?before=%25"), "before");
  }

  @Test
  void anInvalidPercentEscapeInTheQueryIsA400() {
    assertProblem(400, server.as(peer).get("/api/v1/checkins?before=%zz"), "before");
    assertProblem(400, server.anonymous().get("/api/v1/checkins?before=%"), "before");
  }

  @Test
  void aPercentThatIsNotAnEscapeInIfMatchIsA4xxNotA500() {
    long pairing = server.fixtures().aPairing(supervisor, peer, "peer");
    var res = server.as(supervisor).request(HttpMethod.PUT, "/api/v1/supervision/sessions/1/record")
        .putHeader("If-Match", "W/\"%o<\"").sendJsonObject(new JsonObject()).await();
    assertTrue(res.statusCode() >= 400 && res.statusCode() < 500, pairing + " " + res.statusCode() + " " + res.bodyAsString());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
  }

  @Test
  void anEmptyEmailIsA400NamingIt() {
    assertProblem(400, server.anonymous().post("/api/v1/auth/login", new JsonObject().put("email", "").put("password", "x")), "email");
    var res = server.as(admin).post("/api/v1/users", new JsonObject().put("email", "").put("displayName", "New Person")
        .put("roles", new io.vertx.core.json.JsonArray().add("peer")).put("password", "a-long-enough-password"));
    assertProblem(400, res, "email");
  }

  @Test
  void aNulInAnyStoredTextIsA400NamingTheField() {
    assertProblem(400, server.as(admin).post("/api/v1/teams", new JsonObject().put("name", "Night\u0000shift")), "name");
    assertProblem(400, server.as(peer).put("/api/v1/me/disclosure/items/pronouns", new JsonObject().put("text", "xe\u0000xem")), "text");
    JsonObject checkIn = new JsonObject().put("unit", "percent")
        .put("activities", new JsonObject().put("lived_experience", 60).put("filing", 40))
        .put("pulses", new JsonObject().put("asked_outside_role", 1).put("felt_included", 4).put("felt_supported", 4).put("role_understood", 4))
        .put("reflection", "A fortnight\u0000 of filing");
    assertProblem(400, server.as(peer).post("/api/v1/checkins", checkIn), "reflection");
    assertProblem(400, server.as(admin).patch("/api/v1/users/" + peer.id(), new JsonObject().put("displayName", "Pat\u0000")), "displayName");
  }

  @Test
  void aNulInANestedFieldIsNamedByItsPath() {
    var res = server.as(peer).post("/api/v1/checkins", new JsonObject().put("unit", "percent")
        .put("activities", new JsonObject().put("fil\u0000ing", 40)));
    assertProblem(400, res, "activities");
  }

  @Test
  void aLoneSurrogateIsRejectedNotRewritten() {
    byte[] escaped = "{\"name\":\"Night \\ud800 shift\"}".getBytes(StandardCharsets.UTF_8);
    assertProblem(400, postRaw("/api/v1/teams", escaped), "name");
    // The same code point written as UTF-8 bytes (ED A0 80) is not valid UTF-8 at all.
    assertProblem(400, postRaw("/api/v1/teams", bytes("{\"name\":\"Night ", 0xED, 0xA0, 0x80, " shift\"}")), null);
  }

  @Test
  void overlongUtf8IsRejectedNotRewritten() {
    // C0 AE is an overlong '.', E0 80 AF an overlong '/': both must be refused, not decoded to U+FFFD.
    assertProblem(400, postRaw("/api/v1/teams", bytes("{\"name\":\"a", 0xC0, 0xAE, "b\"}")), null);
    assertProblem(400, postRaw("/api/v1/teams", bytes("{\"name\":\"a", 0xE0, 0x80, 0xAF, "b\"}")), null);
    var teams = server.as(admin).get("/api/v1/teams").bodyAsString();
    assertFalse(teams.contains("\uFFFD"), teams);
  }

  @Test
  void aNulInAFormPostIsA400() {
    var res = server.client().post("/login").putHeader("Accept", "text/html")
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("email=a%00b%40example.test&password=x")).await();
    assertEquals(400, res.statusCode(), res.bodyAsString());
    res = server.client().post("/login").putHeader("Accept", "application/json")
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("email=a%C0%AEb%40example.test&password=x")).await();
    assertEquals(400, res.statusCode(), res.bodyAsString());
  }

  @Test
  void undecodableFormsAndMultipartAreRefused() {
    var res = server.client().post("/login").putHeader("Accept", "application/json")
        .putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(Buffer.buffer("email=a%zz&password=x")).await();
    assertProblem(400, res, "percent-encoded");
    res = server.client().post("/login").putHeader("Accept", "application/json")
        .putHeader("Content-Type", "multipart/form-data; boundary=XX")
        .sendBuffer(Buffer.buffer("--XX\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na\u0000b\r\n--XX--\r\n")).await();
    assertEquals(415, res.statusCode(), res.bodyAsString());
  }

  @Test
  void aNulInAPathSegmentIsA4xx() {
    var res = server.as(peer).get("/api/v1/me/disclosure/items/a%00b");
    assertTrue(res.statusCode() >= 400 && res.statusCode() < 500, res.statusCode() + " " + res.bodyAsString());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
  }

  @Test
  void noHostHeaderIsA400() {
    var res = RawHttp.send(server.port(), "GET /api/v1/me HTTP/1.1\r\nConnection: close\r\n\r\n", 5000);
    assertEquals(400, res.status(), res.text());
    assertEquals("application/problem+json", res.header("Content-Type"), res.text());
  }

  @Test
  void aMalformedHostHeaderIsA400() {
    var res = RawHttp.send(server.port(), "GET /api/v1/me HTTP/1.1\r\nHost: a b c\r\nConnection: close\r\n\r\n", 5000);
    assertEquals(400, res.status(), res.text());
    assertEquals("application/problem+json", res.header("Content-Type"), res.text());
  }

  @Test
  void anUnknownHttpVersionIs505() {
    for (String version : new String[] {"HTTP/1.2", "HTTP/3.0", "HTTP/9.9"}) {
      var res = RawHttp.send(server.port(), "GET /health/live " + version + "\r\nHost: localhost\r\n\r\n", 5000);
      assertEquals(505, res.status(), version + ": " + res.text());
      assertEquals("application/problem+json", res.header("Content-Type"), res.text());
      assertTrue(res.body().contains("\"status\":505"), res.text());
    }
  }

  private static HttpResponse<Buffer> postRaw(String path, byte[] body) {
    return server.as(admin).send(HttpMethod.POST, path, "application/json", Buffer.buffer(body));
  }

  private static byte[] bytes(Object... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else {
        out.write((Integer) p);
      }
    }
    return out.toByteArray();
  }

  static void assertProblem(int status, HttpResponse<Buffer> res, String field) {
    assertEquals(status, res.statusCode(), res.bodyAsString());
    assertEquals("application/problem+json", res.getHeader("Content-Type"), res.bodyAsString());
    JsonObject problem = res.bodyAsJsonObject();
    assertEquals(status, problem.getInteger("status"));
    if (field != null) {
      String named = problem.getJsonArray("errors", new io.vertx.core.json.JsonArray()).encode() + problem.getString("detail");
      assertTrue(named.contains(field), "the problem names " + field + ": " + problem.encode());
    }
  }
}
