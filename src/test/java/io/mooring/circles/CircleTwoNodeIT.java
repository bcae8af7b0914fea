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

  /** PostgreSQL wakes every listening backend for every NOTIFY, so each node listens on one connection, not one per feature. */
  @Test
  void eachNodeListensOnOneConnectionForSessionsChatAndDisclosure() throws InterruptedException {
    waitForSubscribers(2);
    var rows = nodeA.pool().preparedQuery("select application_name, query from pg_stat_activity where query like 'LISTEN%' and datname = current_database()")
        .execute().await();
    assertEquals(2, rows.size(), "one LISTEN backend per node");
    for (var row : rows) {
      assertTrue(row.getString(0).startsWith(io.mooring.platform.db.Listener.APPLICATION_NAME + " "), row.getString(0));
      for (String channel : java.util.List.of("session_changed", "circle_events", "disclosure_changed")) {
        assertTrue(row.getString(1).contains(channel), channel + " in " + row.getString(1));
      }
    }
  }

  @Test
  void bothNodesDeliverTheMessagesTheNotificationCarriesInTheSameFrameWithoutReadingThem() {
    Fixtures.Person a = nodeA.fixtures().aPeer(org);
    Fixtures.Person b = nodeA.fixtures().aPeer(org);
    Fixtures.Person c = nodeA.fixtures().aPeer(org);
    long circle = nodeA.fixtures().aCircle(org, a, b, c);
    try (LiveClient sender = LiveClient.connect(vertx, nodeB.port(), nodeA.fixtures().tokenFor(c), circle, null);
         LiveClient onA = LiveClient.connect(vertx, nodeA.port(), nodeA.fixtures().tokenFor(a), circle, null);
         LiveClient onB = LiveClient.connect(vertx, nodeB.port(), nodeA.fixtures().tokenFor(b), circle, null)) {
      sender.next("presence");
      onA.next("presence");
      onB.next("presence");
      long readsA = nodeA.services().circles().hub().messageReads.get();
      long readsB = nodeB.services().circles().hub().messageReads.get();
      for (int i = 1; i <= 5; i++) {
        sender.sendAcked("p-" + i, "carried " + i);
      }
      java.util.List<JsonObject> seenOnA = onA.messages(5);
      assertEquals(seenOnA.stream().map(JsonObject::encode).toList(), onB.messages(5).stream().map(JsonObject::encode).toList());
      assertEquals(java.util.List.of(1L, 2L, 3L, 4L, 5L), seenOnA.stream().map(m -> m.getLong("seq")).toList());
      assertEquals(readsA, nodeA.services().circles().hub().messageReads.get(), "node A read nothing back");
      assertEquals(readsB, nodeB.services().circles().hub().messageReads.get(), "node B read nothing back");
    }
  }

  static void waitForSubscribers(int n) throws InterruptedException {
    waitForSubscribers(nodeA, n);
  }

  static void waitForSubscribers(TestServer node, int n) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      long up = node.pool().preparedQuery("select count(*) from pg_stat_activity where application_name like $1 and query like 'LISTEN%' and datname = current_database()")
          .execute(Tuple.of(io.mooring.platform.db.Listener.APPLICATION_NAME + " %")).await().iterator().next().getLong(0);
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
            .execute(Tuple.of(io.mooring.platform.db.Listener.APPLICATION_NAME + " %")).await().iterator().next().getLong(0);
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

  /** The first frame a socket gets after ready: everyone online in the circle now. */
  static java.util.List<Long> onlineSnapshot(LiveClient c) {
    JsonObject f = c.next(x -> "presence".equals(x.getString("type")) && x.getValue("online") instanceof io.vertx.core.json.JsonArray);
    return f.getJsonArray("online").stream().map(o -> ((Number) o).longValue()).toList();
  }

  @Test
  void aNodeThatOpensACircleLateKnowsWhoIsOnlineOnOtherNodes() {
    Fixtures.Person a = nodeA.fixtures().aPeer(org);
    Fixtures.Person b = nodeA.fixtures().aPeer(org);
    long circle = nodeA.fixtures().aCircle(org, a, b);
    try (LiveClient onA = LiveClient.connect(vertx, nodeA.port(), nodeA.fixtures().tokenFor(a), circle, null)) {
      onA.next("presence");
      assertEquals(a.id(), onA.next(x -> "presence".equals(x.getString("type")) && x.getBoolean("online", false)).getLong("userId"),
          "A hears its own member go online");
      // Node B has no socket in this circle yet: its room opens now and must learn that a is online on A.
      try (LiveClient onB = LiveClient.connect(vertx, nodeB.port(), nodeA.fixtures().tokenFor(b), circle, null)) {
        assertTrue(onlineSnapshot(onB).contains(a.id()), "b, on node B, sees a (on node A) online at once");
        assertEquals(b.id(), onA.next(x -> "presence".equals(x.getString("type")) && x.getBoolean("online", false)).getLong("userId"));
        onA.close();
        assertEquals(a.id(), onB.next(x -> "presence".equals(x.getString("type")) && Boolean.FALSE.equals(x.getBoolean("online"))).getLong("userId"));
      }
    }
  }

  @Test
  void presenceLeftByANodeThatDiedDoesNotCount() {
    Fixtures.Person a = nodeA.fixtures().aPeer(org);
    Fixtures.Person ghost = nodeA.fixtures().aPeer(org);
    long circle = nodeA.fixtures().aCircle(org, a, ghost);
    // A node that stopped heartbeating a minute ago, with ghost's socket still on its books.
    nodeA.pool().query("""
        with n as (insert into chat_nodes (id, seen_at) values (gen_random_uuid(), now() - interval '1 minute') returning id)
        insert into circle_presence (circle_id, user_id, node_id, sockets) select %d, %d, id, 1 from n""".formatted(circle, ghost.id()))
        .execute().await();
    try (LiveClient onB = LiveClient.connect(vertx, nodeB.port(), nodeA.fixtures().tokenFor(a), circle, null)) {
      assertTrue(!onlineSnapshot(onB).contains(ghost.id()), "a dead node's sockets are not online");
    }
  }

  @Test
  void theSendLimitHoldsAcrossNodes() {
    Fixtures.Person a = nodeA.fixtures().aPeer(org);
    Fixtures.Person b = nodeA.fixtures().aPeer(org);
    long circle = nodeA.fixtures().aCircle(org, a, b);
    int each = 15;
    try (LiveClient onA = LiveClient.connect(vertx, nodeA.port(), nodeA.fixtures().tokenFor(a), circle, null);
         LiveClient onB = LiveClient.connect(vertx, nodeB.port(), nodeA.fixtures().tokenFor(a), circle, null)) {
      onA.next("ready");
      onB.next("ready");
      long start = System.nanoTime();
      for (int i = 0; i < each; i++) {
        onA.send(LiveClient.send("a-" + i, "burst on A " + i));
        onB.send(LiveClient.send("b-" + i, "burst on B " + i));
      }
      int acked = 0;
      for (LiveClient c : java.util.List.of(onA, onB)) {
        for (int i = 0; i < each; i++) {
          JsonObject f = c.next(x -> "ack".equals(x.getString("type")) || "error".equals(x.getString("type")));
          if ("ack".equals(f.getString("type"))) {
            acked++;
          } else {
            assertEquals("rate_limited", f.getString("code"), f.encode());
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      // One person: a burst of 10 and 10 a second whichever node takes the sends (per node it would be twice that).
      long allowed = 10 + (long) Math.ceil(10 * seconds);
      assertTrue(acked <= allowed, acked + " sends acknowledged in " + seconds + " s; the limit allows " + allowed);
    }
  }
}
