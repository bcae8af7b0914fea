package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two server nodes on one database: fan-out through PostgreSQL LISTEN/NOTIFY, and nothing lost when LISTEN drops. */
@ExtendWith(VertxExtension.class)
class CircleTwoNodeIT {
  static TestServer nodeA;
  static TestServer nodeB;
  static Vertx vertx;
  static long org;

  @BeforeAll
  static void start(Vertx v) {
    vertx = v;
    nodeA = TestServer.start(v);
    nodeB = TestServer.start(v, nodeA.db(), Map.of());
    org = nodeA.fixtures().anOrganization();
  }

  @AfterAll
  static void stop() {
    nodeB.close();
    nodeA.close();
  }

  @Test
  void aMessagePostedOnNodeAReachesAMemberOnNodeBAndRemovalClosesSocketsEverywhere() {
    Fixtures.Person a = nodeA.fixtures().aPeer(org);
    Fixtures.Person b = nodeA.fixtures().aPeer(org);
    long circle = nodeA.fixtures().aCircle(org, a, b);
    try (LiveClient onA = LiveClient.connect(vertx, nodeA.port(), nodeA.fixtures().tokenFor(a), circle, null);
         LiveClient onB = LiveClient.connect(vertx, nodeB.port(), nodeA.fixtures().tokenFor(b), circle, null)) {
      onB.next("presence");
      onA.send(LiveClient.send("x-1", "across nodes"));
      JsonObject ack = onA.next("ack");
      JsonObject m = onB.next("message");
      assertEquals("across nodes", m.getString("body"));
      assertEquals(ack.getLong("seq"), m.getLong("seq"));
      onA.send(new JsonObject().put("type", "edit").put("id", ack.getLong("id")).put("body", "edited across nodes"));
      JsonObject edited = onB.next("edited");
      assertEquals("edited across nodes", edited.getString("body"));
      assertEquals(1L, edited.getLong("change"), "change frames carry the circle's change number on every node");
      onA.send(new JsonObject().put("type", "delete").put("id", ack.getLong("id")));
      assertEquals(2L, onB.next("deleted").getLong("change"));
      assertEquals(204, nodeA.as(a).delete("/api/v1/circles/" + circle + "/members/" + b.id()).statusCode());
      assertTrue(onB.waitClosed(5000), "node B closes the removed member's socket");
    }
  }

  static void waitForSubscribers(int n) throws InterruptedException {
    waitForSubscribers(nodeA, n);
  }

  static void waitForSubscribers(TestServer node, int n) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      long up = node.pool().preparedQuery("select count(*) from pg_stat_activity where application_name like $1 and query like 'LISTEN%' and datname = current_database()")
          .execute(Tuple.of(CircleHub.APPLICATION_NAME + " %")).await().iterator().next().getLong(0);
      if (up == n) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("subscribers did not come back");
  }

  @Test
  void killingTheListenConnectionsLosesNothing() throws Exception {
    Fixtures.Person a = nodeA.fixtures().aPeer(org);
    Fixtures.Person b = nodeA.fixtures().aPeer(org);
    long circle = nodeA.fixtures().aCircle(org, a, b);
    try (LiveClient onA = LiveClient.connect(vertx, nodeA.port(), nodeA.fixtures().tokenFor(a), circle, null);
         LiveClient onB = LiveClient.connect(vertx, nodeB.port(), nodeA.fixtures().tokenFor(b), circle, null)) {
      onB.next("presence");
      long expected = 1;
      for (int round = 0; round < 3; round++) {
        waitForSubscribers(2);
        long killed = nodeA.pool().preparedQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name like $1")
            .execute(Tuple.of(CircleHub.APPLICATION_NAME + " %")).await().iterator().next().getLong(0);
        assertEquals(2, killed, "one subscriber per node");
        // Sent while both nodes' LISTEN connections are down, and nothing after: only the catch-up on re-subscribe can deliver them.
        for (int i = 0; i < 3; i++) {
          onA.send(LiveClient.send("k-" + round + "-" + i, "while listen is down " + i));
        }
        for (JsonObject m : onB.messages(3)) {
          assertEquals(expected++, m.getLong("seq"));
        }
      }
      assertTrue(onB.drainMessages(300).isEmpty(), "no duplicates");
    }
  }
}
