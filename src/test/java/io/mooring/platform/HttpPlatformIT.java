package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every request sees, whatever the feature: problem+json errors, headers, health. */
@ExtendWith(ServerPerClass.class)
class HttpPlatformIT {
  static TestServer server;
  static Fixtures.Person admin;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    admin = server.fixtures().anAdmin(server.fixtures().anOrganization());
  }

  @Test
  void unknownApiRouteIsAProblem404() {
    var res = server.as(admin).get("/api/v1/no-such-thing");
    assertEquals(404, res.statusCode());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
    assertEquals(404, res.bodyAsJsonObject().getInteger("status"));
  }

  @Test
  void wrongMethodIs405() {
    var res = server.as(admin).request(HttpMethod.DELETE, "/api/v1/me").send().await();
    assertEquals(405, res.statusCode());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
  }

  @Test
  void malformedJsonIs400NotA500() {
    var res = server.as(admin).send(HttpMethod.POST, "/api/v1/teams", "application/json", Buffer.buffer("{\"name\": "));
    assertEquals(400, res.statusCode(), res.bodyAsString());
    assertFalse(res.bodyAsString().contains("Exception"));
    res = server.as(admin).send(HttpMethod.POST, "/api/v1/teams", "application/json", Buffer.buffer("[1,2,3]"));
    assertEquals(400, res.statusCode(), res.bodyAsString());
  }

  @Test
  void oversizedBodyIs413() {
    String big = "{\"name\":\"" + "x".repeat(400_000) + "\"}";
    var res = server.as(admin).send(HttpMethod.POST, "/api/v1/teams", "application/json", Buffer.buffer(big));
    assertEquals(413, res.statusCode());
  }

  @Test
  void badPathIdsAre404() {
    assertEquals(404, server.as(admin).get("/api/v1/users/abc").statusCode());
    assertEquals(404, server.as(admin).get("/api/v1/users/-5").statusCode());
    // A GET-only route matching every path (the navigation's unread count) once turned these into 405s.
    assertEquals(404, server.as(admin).put("/api/v1/people/5/no/such/thing", new io.vertx.core.json.JsonObject()).statusCode());
    assertEquals(404, server.as(admin).delete("/no/such/page").statusCode());
  }

  @Test
  void securityHeadersOnEveryResponse() {
    for (String path : new String[] {"/login", "/api/v1/me", "/health/live", "/static/css/app.css", "/nope"}) {
      var res = server.client().get(path).send().await();
      String csp = res.getHeader("Content-Security-Policy");
      assertNotNull(csp, path);
      assertTrue(csp.contains("frame-ancestors 'none'"), path);
      assertFalse(csp.contains("unsafe-inline"), path);
      assertEquals("nosniff", res.getHeader("X-Content-Type-Options"), path);
      assertEquals("same-origin", res.getHeader("Referrer-Policy"), path);
    }
  }

  @Test
  void staticTextIsServedAsUtf8WhateverThePlatformCharset() {
    // A minimal image defaults to US-ASCII, which garbled the chat's "reconnecting…" status.
    for (String path : new String[] {"/static/css/app.css", "/static/js/circles.js"}) {
      var res = server.client().get(path).send().await();
      assertEquals(200, res.statusCode(), path);
      assertTrue(res.getHeader("Content-Type").toLowerCase().contains("charset=utf-8"), path + ": " + res.getHeader("Content-Type"));
    }
  }

  @Test
  void healthEndpoints() {
    assertEquals(200, server.client().get("/health/live").send().await().statusCode());
    var ready = server.client().get("/health/ready").send().await();
    assertEquals(200, ready.statusCode());
    assertEquals("UP", ready.bodyAsJsonObject().getString("database"));
  }

  @Test
  void pagesRedirectToSignInAndApiSays401() {
    var page = server.client().get("/admin").putHeader("Accept", "text/html").send().await();
    assertEquals(302, page.statusCode());
    assertTrue(page.getHeader("Location").startsWith("/login"));
    assertEquals(401, server.client().get("/api/v1/me").send().await().statusCode());
  }

  @Test
  void cookieSessionsNeedTheCsrfTokenToChangeAnything() {
    var login = server.client().post("/login").sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap()
        .add("email", admin.email()).add("password", Fixtures.PASSWORD)).await();
    assertEquals(302, login.statusCode(), login.bodyAsString());
    String cookie = login.cookies().stream().filter(c -> c.startsWith("mooring_session=")).findFirst().orElseThrow();
    assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
    assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
    String value = cookie.split(";")[0];
    var withoutToken = server.client().post("/api/v1/teams").putHeader("Cookie", value)
        .sendJsonObject(new io.vertx.core.json.JsonObject().put("name", "CSRF team")).await();
    assertEquals(403, withoutToken.statusCode());
    var home = server.client().get("/").putHeader("Cookie", value).send().await();
    assertEquals(200, home.statusCode());
    String html = home.bodyAsString();
    String token = html.replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]+)\">.*", "$1");
    var withToken = server.client().post("/api/v1/teams").putHeader("Cookie", value).putHeader("X-CSRF-Token", token)
        .sendJsonObject(new io.vertx.core.json.JsonObject().put("name", "CSRF team")).await();
    assertEquals(201, withToken.statusCode(), withToken.bodyAsString());
  }
}
