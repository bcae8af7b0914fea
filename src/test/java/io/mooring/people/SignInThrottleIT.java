package io.mooring.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.TestDb;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 item 5: failures from one address slow that address down (429 + Retry-After) and never
 * lock the owner out from another address; the account-wide pause comes only at 100 consecutive
 * failures. Two client addresses are simulated with X-Forwarded-For behind a trusted proxy.
 */
@ExtendWith(VertxExtension.class)
class SignInThrottleIT {
  static final String ATTACKER = "198.51.100.66";
  static final String OWNER = "203.0.113.10";
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx, TestDb.freshDatabase(), Map.of("MOORING_TRUST_PROXY", "true"));
    org = server.fixtures().anOrganization();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<Buffer> signIn(String from, String email, String password) {
    return server.client().post("/api/v1/auth/login").putHeader("X-Forwarded-For", from)
        .sendJsonObject(new JsonObject().put("email", email).put("password", password)).await();
  }

  @Test
  void failuresFromOneAddressNeverStopTheOwnerFromAnother() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      assertEquals(401, signIn(ATTACKER, peer.email(), "guess-" + i).statusCode());
    }
    // Five more failures from the same address, recorded as sign-in records them (waiting out each delay would take a minute).
    server.pool().preparedQuery("insert into login_attempts (email, address, success) select $1, $2, false from generate_series(1, 5)")
        .execute(Tuple.of(peer.email(), ATTACKER)).await();
    var throttled = signIn(ATTACKER, peer.email(), Fixtures.PASSWORD);
    assertEquals(429, throttled.statusCode(), throttled.bodyAsString());
    assertEquals("application/problem+json", throttled.getHeader("Content-Type"));
    assertNotNull(throttled.getHeader("Retry-After"));
    assertTrue(Long.parseLong(throttled.getHeader("Retry-After")) >= 1);
    var owner = signIn(OWNER, peer.email(), Fixtures.PASSWORD);
    assertEquals(200, owner.statusCode(), "the owner signs in from their own address: " + owner.bodyAsString());
    assertEquals(429, signIn(ATTACKER, peer.email(), Fixtures.PASSWORD).statusCode(), "the attacker's address is still slowed");
    var form = io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("email", peer.email()).add("password", Fixtures.PASSWORD);
    var page = server.client().post("/login").putHeader("X-Forwarded-For", ATTACKER).putHeader("Accept", "text/html").sendForm(form).await();
    assertEquals(429, page.statusCode(), "the sign-in page is throttled the same way");
    assertNotNull(page.getHeader("Retry-After"));
    assertTrue(page.bodyAsString().contains("Too many failed sign-in attempts"), page.bodyAsString());
  }

  @Test
  void delaysGrowWithEachFailureOfThePair() throws InterruptedException {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    String from = "198.51.100.77";
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      assertEquals(401, signIn(from, peer.email(), "guess-" + i).statusCode());
    }
    var first = signIn(from, peer.email(), "guess");
    assertEquals(429, first.statusCode());
    Thread.sleep(Long.parseLong(first.getHeader("Retry-After")) * 1000 + 100);
    assertEquals(401, signIn(from, peer.email(), "guess-again").statusCode(), "allowed again once the wait is over");
    var second = signIn(from, peer.email(), "guess");
    assertEquals(429, second.statusCode());
    assertTrue(Long.parseLong(second.getHeader("Retry-After")) > Long.parseLong(first.getHeader("Retry-After")),
        first.getHeader("Retry-After") + " then " + second.getHeader("Retry-After"));
  }

  @Test
  void theAccountWideLimitComesOnlyAtOneHundredConsecutiveFailures() {
    Fixtures.Person peer = server.fixtures().aPeer(org);
    // 99 failures spread over many addresses (as a botnet would), recorded the way sign-in records them.
    server.pool().preparedQuery("""
        insert into login_attempts (email, address, success)
        select $1, '192.0.2.' || n, false from generate_series(1, 99) n""").execute(Tuple.of(peer.email())).await();
    assertEquals(200, signIn(OWNER, peer.email(), Fixtures.PASSWORD).statusCode(), "99 failures elsewhere do not lock the owner out");
    server.pool().preparedQuery("""
        insert into login_attempts (email, address, success)
        select $1, '192.0.2.' || n, false from generate_series(1, 100) n""").execute(Tuple.of(peer.email())).await();
    var locked = signIn(OWNER, peer.email(), Fixtures.PASSWORD);
    assertEquals(429, locked.statusCode(), locked.bodyAsString());
    assertNotNull(locked.getHeader("Retry-After"));
  }

  @Test
  void attemptsOlderThanEveryWindowAreForgotten() {
    // A spray of guesses at made-up accounts three days ago, and one from yesterday that still counts.
    server.pool().preparedQuery("insert into login_attempts (email, address, success, at) select 'nobody' || g || '@example.org', $1, false, "
        + "now() - interval '3 days' from generate_series(1, 50) g").execute(Tuple.of(ATTACKER)).await();
    server.pool().preparedQuery("insert into login_attempts (email, address, success, at) values ('recent@example.org', $1, false, now() - interval '20 hours')")
        .execute(Tuple.of(ATTACKER)).await();
    assertEquals(50L, SignInThrottle.forgetOld(server.pool()).await().longValue());
    long recent = server.pool().preparedQuery("select count(*) from login_attempts where email = 'recent@example.org'").execute().await()
        .iterator().next().getLong(0);
    assertEquals(1L, recent, "an attempt inside the one-day window stays");
    long old = server.pool().query("select count(*) from login_attempts where at < now() - interval '2 days'").execute().await()
        .iterator().next().getLong(0);
    assertEquals(0L, old);
  }
}
