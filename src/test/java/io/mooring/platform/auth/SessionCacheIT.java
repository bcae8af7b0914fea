package io.mooring.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions are remembered per node (SessionCache). These prove that remembering never keeps a
 * session alive that was ended or changed: on this node at once, on another node as soon as the
 * notification arrives, by plain SQL too, and across a dropped listener connection.
 */
@ExtendWith(VertxExtension.class)
class SessionCacheIT {
  /** Another node learns by NOTIFY, which is asynchronous; it arrives in milliseconds, this is the bound we accept. */
  private static final long ACROSS_NODES_MS = 2_000;
  static TestServer node;
  static TestServer otherNode;
  static long org;

  @BeforeAll
  static void start(Vertx vertx) {
    node = TestServer.start(vertx);
    otherNode = TestServer.start(vertx, node.db(), Map.of());
    org = node.fixtures().anOrganization();
  }

  @AfterAll
  static void stop() {
    otherNode.close();
    node.close();
  }

  static int me(TestServer server, String token) {
    return server.client().get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send().await().statusCode();
  }

  /** Polls until the status is {@code expected} or the bound passes; returns the last status seen. */
  static int within(long millis, int expected, IntSupplier status) throws InterruptedException {
    long until = System.currentTimeMillis() + millis;
    int last = status.getAsInt();
    while (last != expected && System.currentTimeMillis() < until) {
      Thread.sleep(20);
      last = status.getAsInt();
    }
    return last;
  }

  /** Both nodes' listeners subscribed (after start-up, or after a test cut them). */
  static void listeningEverywhere() throws InterruptedException {
    long until = System.currentTimeMillis() + 10_000;
    while (!(node.services().sessions().listening() && otherNode.services().sessions().listening())) {
      assertTrue(System.currentTimeMillis() < until, "the session listeners did not (re)subscribe");
      Thread.sleep(20);
    }
  }

  /** Remembered on both nodes first, so each test proves forgetting, not a first read. */
  static String rememberedEverywhere(Fixtures.Person p) throws InterruptedException {
    listeningEverywhere();
    String token = node.fixtures().tokenFor(p);
    for (int i = 0; i < 3; i++) {
      assertEquals(200, me(node, token));
      assertEquals(200, me(otherNode, token));
    }
    return token;
  }

  @Test
  void signingOutEndsTheSessionHereAtOnceAndOnTheOtherNodeWithinTheBound() throws InterruptedException {
    String token = rememberedEverywhere(node.fixtures().aPeer(org));
    int out = node.client().post("/api/v1/auth/logout").putHeader("Authorization", "Bearer " + token).send().await().statusCode();
    assertEquals(204, out);
    assertEquals(401, me(node, token), "the node that signed out forgets before answering");
    assertEquals(401, within(ACROSS_NODES_MS, 401, () -> me(otherNode, token)));
  }

  @Test
  void changesMadeWithPlainSqlReachEveryNode() throws InterruptedException {
    Fixtures.Person peer = node.fixtures().aPeer(org);
    String token = rememberedEverywhere(peer);
    node.pool().preparedQuery("update users set active = false where id = $1").execute(Tuple.of(peer.id())).await();
    assertEquals(401, within(ACROSS_NODES_MS, 401, () -> me(node, token)), "disabled: refused here");
    assertEquals(401, within(ACROSS_NODES_MS, 401, () -> me(otherNode, token)), "and there");

    Fixtures.Person supervisor = node.fixtures().aSupervisor(org);
    String supToken = rememberedEverywhere(supervisor);
    int before = otherNode.client().get("/api/v1/supervision/dashboard").putHeader("Authorization", "Bearer " + supToken)
        .send().await().statusCode();
    assertEquals(200, before);
    node.pool().preparedQuery("update users set roles = array['peer'] where id = $1").execute(Tuple.of(supervisor.id())).await();
    assertEquals(403, within(ACROSS_NODES_MS, 403, () -> otherNode.client().get("/api/v1/supervision/dashboard")
        .putHeader("Authorization", "Bearer " + supToken).send().await().statusCode()), "a role taken away is gone there too");
  }

  /** The control for the tests above: sessions really are remembered, and the trigger is what ends that. */
  @Test
  void withoutTheTriggerARememberedSessionWouldOutliveItsRevocation() throws InterruptedException {
    Fixtures.Person peer = node.fixtures().aPeer(org);
    String token = rememberedEverywhere(peer);
    node.pool().query("alter table sessions disable trigger sessions_changed").execute().await();
    try {
      node.pool().preparedQuery("update sessions set revoked_at = now() where user_id = $1").execute(Tuple.of(peer.id())).await();
      assertEquals(200, me(node, token), "remembered: no session read happened");
    } finally {
      node.pool().query("alter table sessions enable trigger sessions_changed").execute().await();
    }
    node.pool().preparedQuery("update sessions set expires_at = expires_at where user_id = $1").execute(Tuple.of(peer.id())).await();
    assertEquals(401, within(ACROSS_NODES_MS, 401, () -> me(node, token)), "any later change to the session tells the node");
  }

  @Test
  void anAdministratorDisablingSomeoneEndsTheirSessionOnTheNextRequest() throws InterruptedException {
    Fixtures.Person admin = node.fixtures().anAdmin(org);
    Fixtures.Person peer = node.fixtures().aPeer(org);
    String token = rememberedEverywhere(peer);
    var res = node.as(admin).patch("/api/v1/users/" + peer.id(), new io.vertx.core.json.JsonObject().put("active", false));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    assertEquals(401, me(node, token));
  }

  @Test
  void aDroppedListenerLosesNoRevocation() throws InterruptedException {
    Fixtures.Person peer = node.fixtures().aPeer(org);
    String token = rememberedEverywhere(peer);
    long cut = node.pool().preparedQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name like $1 and datname = current_database()")
        .execute(Tuple.of(io.mooring.platform.db.Listener.APPLICATION_NAME + " %")).await().iterator().next().getLong(0);
    assertEquals(2, cut, "one listener per node");
    // Revoked while both listeners are (or are about to be) gone: the notification reaches nobody.
    node.pool().preparedQuery("update sessions set revoked_at = now() where user_id = $1").execute(Tuple.of(peer.id())).await();
    assertEquals(401, within(ACROSS_NODES_MS, 401, () -> me(node, token)));
    assertEquals(401, within(ACROSS_NODES_MS, 401, () -> me(otherNode, token)));

    String fresh = rememberedEverywhere(node.fixtures().aPeer(org));
    node.pool().query("update sessions set revoked_at = now() where revoked_at is null and user_id in "
        + "(select id from users where org_id = " + org + ")").execute().await();
    assertEquals(401, within(ACROSS_NODES_MS, 401, () -> me(otherNode, fresh)), "listening again after the reconnect");
  }
}
