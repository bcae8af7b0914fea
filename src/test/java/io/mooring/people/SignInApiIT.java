package io.mooring.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ServerPerClass.class)
class SignInApiIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
  }

  @Test
  void signInReturnsATokenThatIdentifiesThePerson() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    var res = server.anonymous().post("/api/v1/auth/login", new JsonObject().put("email", peer.email()).put("password", Fixtures.PASSWORD));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    String token = res.bodyAsJsonObject().getString("token");
    assertNotNull(token);
    var me = server.client().get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send().await();
    assertEquals(200, me.statusCode());
    assertEquals(peer.displayName(), me.bodyAsJsonObject().getString("displayName"));
    assertEquals("peer", me.bodyAsJsonObject().getJsonArray("roles").getString(0));
  }

  @Test
  void signOutEndsTheSessionOnTheNextRequest() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    var api = server.as(peer);
    assertEquals(200, api.get("/api/v1/me").statusCode());
    assertEquals(204, api.post("/api/v1/auth/logout", new JsonObject()).statusCode());
    assertEquals(401, api.get("/api/v1/me").statusCode());
  }

  @Test
  void wrongPasswordIs401AndAudited() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    var res = server.anonymous().post("/api/v1/auth/login", new JsonObject().put("email", peer.email()).put("password", "nope-nope-nope"));
    assertEquals(401, res.statusCode());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
    long failures = server.pool().preparedQuery("select count(*) from audit_log where action = 'signin.failed' and actor_id = $1")
        .execute(Tuple.of(peer.id())).await().iterator().next().getLong(0);
    assertEquals(1, failures);
  }

  @Test
  void successfulSignInIsAudited() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    server.anonymous().post("/api/v1/auth/login", new JsonObject().put("email", peer.email()).put("password", Fixtures.PASSWORD));
    long ok = server.pool().preparedQuery("select count(*) from audit_log where action = 'signin.succeeded' and actor_id = $1")
        .execute(Tuple.of(peer.id())).await().iterator().next().getLong(0);
    assertEquals(1, ok);
  }

  @Test
  void repeatedFailuresFromOneAddressAreDelayedEvenWithTheRightPassword() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      assertEquals(401, server.anonymous().post("/api/v1/auth/login",
          new JsonObject().put("email", peer.email()).put("password", "wrong-" + i)).statusCode());
    }
    var res = server.anonymous().post("/api/v1/auth/login", new JsonObject().put("email", peer.email()).put("password", Fixtures.PASSWORD));
    assertEquals(429, res.statusCode());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
    assertNotNull(res.getHeader("Retry-After"));
  }

  @Test
  void disabledAccountsCannotSignInAndLoseTheirSessions() {
    Fixtures.Person admin = server.fixtures().anAdmin(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    var peerApi = server.as(peer);
    assertEquals(200, peerApi.get("/api/v1/me").statusCode());
    var res = server.as(admin).patch("/api/v1/users/" + peer.id(), new JsonObject().put("active", false));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    assertEquals(401, peerApi.get("/api/v1/me").statusCode());
    assertEquals(401, server.anonymous().post("/api/v1/auth/login",
        new JsonObject().put("email", peer.email()).put("password", Fixtures.PASSWORD)).statusCode());
  }

  @Test
  void missingFieldsAreA400NamingTheField() {
    var res = server.anonymous().post("/api/v1/auth/login", new JsonObject().put("email", "x@example.test"));
    assertEquals(400, res.statusCode());
    JsonObject problem = res.bodyAsJsonObject();
    assertEquals("password", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  void forgedOrGarbageTokensAre401() {
    var res = server.client().get("/api/v1/me").putHeader("Authorization", "Bearer not.a.jwt").send().await();
    assertEquals(401, res.statusCode());
    // A token signed with HS256 and the public key as secret: the classic algorithm-confusion attack.
    String forged = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIiwic2lkIjoieCJ9.";
    res = server.client().get("/api/v1/me").putHeader("Authorization", "Bearer " + forged).send().await();
    assertEquals(401, res.statusCode());
    assertFalse(res.bodyAsString().contains("Exception"));
  }

  @Test
  void theAuditLogCannotBeChangedOrDeleted() {
    server.pool().query("insert into audit_log (action) values ('test.entry')").execute().await();
    var update = server.pool().query("update audit_log set action = 'x'").execute();
    var delete = server.pool().query("delete from audit_log").execute();
    try {
      update.await();
    } catch (Exception expected) {
      // refused by the trigger
    }
    try {
      delete.await();
    } catch (Exception expected) {
      // refused by the trigger
    }
    assertTrue(update.failed(), "update must be refused");
    assertTrue(delete.failed(), "delete must be refused");
  }
}
