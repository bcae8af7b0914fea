package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Resuming on a node that has delivered less than the client already has (its LISTEN connection was
 * just replaced, or it was paused): nothing at or below the client's seq or change number comes again,
 * and an edit made meanwhile to a message the client has arrives as an {@code edited} frame (through the
 * room, once the node hears again: it reads nothing past what it has heard, see Outbox).
 */
@ExtendWith(VertxExtension.class)
class CircleResumeTwoNodeIT {
  static final String[] FRAMES = {"message", "edited", "deleted", "ready"};
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

  /** Members I (on node A, so A follows the circle), R and S (on node B). */
  record Circle(long id, Fixtures.Person i, Fixtures.Person r, Fixtures.Person s) {}

  static Circle aCircle() {
    Fixtures f = nodeA.fixtures();
    Fixtures.Person i = f.aPeer(org);
    Fixtures.Person r = f.aPeer(org);
    Fixtures.Person s = f.aPeer(org);
    return new Circle(f.aCircle(org, i, r, s), i, r, s);
  }

  static LiveClient connect(TestServer node, Fixtures.Person p, long circle, Long after, Long changes) {
    return LiveClient.connect(vertx, node.port(), nodeA.fixtures().tokenFor(p), circle, after, changes);
  }

  /** Node A's own LISTEN backend: its application_name carries the node's id. */
  static long listenPidOfNodeA() {
    String name = io.mooring.platform.db.Listener.APPLICATION_NAME + " " + nodeA.services().circles().hub().nodeId;
    for (int i = 0; i < 100; i++) {
      var rows = nodeA.pool().preparedQuery("select pid from pg_stat_activity where application_name = $1 and query like 'LISTEN%'")
          .execute(Tuple.of(name)).await();
      if (rows.size() == 1) {
        return rows.iterator().next().getInteger(0);
      }
      CircleResumeChangesIT.pause(50);
    }
    throw new AssertionError("node A is not listening");
  }

  static void awaitChange(long circle, long n) {
    for (int i = 0; i < 200; i++) {
      long now = nodeA.pool().preparedQuery("select last_change from circle_counters where circle_id = $1").execute(Tuple.of(circle))
          .await().iterator().next().getLong(0);
      if (now >= n) {
        return;
      }
      CircleResumeChangesIT.pause(20);
    }
    throw new AssertionError("change " + n + " never committed");
  }

  /** Every frame up to and including ready. */
  static List<JsonObject> untilReady(LiveClient c) {
    List<JsonObject> got = new ArrayList<>();
    while (got.isEmpty() || !"ready".equals(got.get(got.size() - 1).getString("type"))) {
      got.add(c.next(x -> List.of(FRAMES).contains(x.getString("type"))));
    }
    return got;
  }

  @Test
  void resumingOnANodeWhoseListenWasJustReplacedSendsNothingTwiceAndTheEditAsEdited() throws Exception {
    Circle c = aCircle();
    try (LiveClient i = connect(nodeA, c.i(), c.id(), null, null); LiveClient s = connect(nodeB, c.s(), c.id(), null, null)) {
      i.next("ready");
      for (int round = 0; round < 3; round++) {
        CircleTwoNodeIT.waitForSubscribers(nodeA, 2);
        long x;
        try (LiveClient r = connect(nodeB, c.r(), c.id(), null, null)) {
          r.next("ready");
          // The recipe: A's LISTEN connection is replaced; S sends (and edits) on B, R receives on B and moves to A at once.
          nodeA.pool().preparedQuery("select pg_terminate_backend($1)").execute(Tuple.of(listenPidOfNodeA())).await();
          JsonObject ack = s.sendAcked("r" + round, "round " + round);
          x = ack.getLong("seq");
          s.send(new JsonObject().put("type", "edit").put("id", ack.getLong("id")).put("body", "round " + round + ", edited"));
          assertEquals(x, r.next("message").getLong("seq"));
        }
        try (LiveClient r = connect(nodeA, c.r(), c.id(), x, (long) round)) {
          List<JsonObject> got = untilReady(r);
          // The edit is replayed if node A had heard it by the join; if not, it comes through A's room once A hears again.
          if (got.stream().noneMatch(f -> "edited".equals(f.getString("type")))) {
            got.add(r.next("edited"));
          }
          got.addAll(r.drain(300, FRAMES));
          long seqX = x;
          assertTrue(got.stream().noneMatch(f -> "message".equals(f.getString("type")) && f.getLong("seq") <= seqX),
              "round " + round + ": seq " + x + " or below came again: " + got);
          List<JsonObject> edits = got.stream().filter(f -> "edited".equals(f.getString("type"))).toList();
          assertEquals(1, edits.size(), "round " + round + ": the edit, once, as an edited frame: " + got);
          assertEquals("round " + round + ", edited", edits.get(0).getString("body"));
          assertEquals(round + 1L, edits.get(0).getLong("change"));
        }
      }
    }
  }

  @Test
  void resumingOnAPausedNodeReadsTheGapFromTheDatabaseAndRepeatsNothingWhenItWakes() throws Exception {
    Assumptions.assumeTrue(System.getenv("MOORING_TEST_DB_URL") == null, "pausing a backend needs the embedded PostgreSQL on this machine");
    Circle c = aCircle();
    try (LiveClient i = connect(nodeA, c.i(), c.id(), null, null); LiveClient s = connect(nodeB, c.s(), c.id(), null, null)) {
      i.next("ready");
      CircleTwoNodeIT.waitForSubscribers(nodeA, 2);
      long pid = listenPidOfNodeA();
      Assumptions.assumeTrue(signal("STOP", pid), "cannot signal PostgreSQL backends here (kill -STOP failed)");
      try {
        List<Long> ids = new ArrayList<>();
        try (LiveClient r = connect(nodeB, c.r(), c.id(), null, null)) {
          r.next("ready");
          for (int k = 1; k <= 4; k++) {
            ids.add(s.sendAcked("p" + k, "paused " + k).getLong("id"));
          }
          assertEquals(4L, r.messages(4).get(3).getLong("seq"));
          s.send(new JsonObject().put("type", "edit").put("id", ids.get(1)).put("body", "two, edited"));
          assertEquals(1L, r.next("edited").getLong("change"));
        }
        s.send(new JsonObject().put("type", "edit").put("id", ids.get(2)).put("body", "three, edited while away"));
        awaitChange(c.id(), 2);
        try (LiveClient r = connect(nodeA, c.r(), c.id(), 4L, 1L)) {
          List<JsonObject> got = untilReady(r);
          assertEquals(List.of("ready"), got.stream().map(f -> f.getString("type")).toList(), "nothing the client has, again: " + got);
          assertEquals(4L, got.get(0).getLong("seq"));
          assertEquals(1L, got.get(0).getLong("change"));
          signal("CONT", pid);
          // Node A wakes, delivers seqs 1-4 and changes 1-2: to this client only the change it lacks.
          List<JsonObject> after = new ArrayList<>(List.of(r.next("edited")));
          after.addAll(r.drain(1000, FRAMES));
          assertEquals(1, after.size(), "only the missed edit: " + after);
          assertEquals(ids.get(2), after.get(0).getLong("id"));
          assertEquals(2L, after.get(0).getLong("change"));
          assertEquals("three, edited while away", after.get(0).getString("body"));
          s.sendAcked("p5", "after the pause");
          assertEquals(5L, r.next("message").getLong("seq"));
          s.send(new JsonObject().put("type", "edit").put("id", ids.get(0)).put("body", "one, edited live"));
          assertEquals(3L, r.next("edited").getLong("change"));
          assertTrue(r.drain(300, FRAMES).isEmpty(), "each once");
        }
      } finally {
        signal("CONT", pid);
      }
    }
  }

  private static boolean signal(String sig, long pid) throws Exception {
    return new ProcessBuilder("kill", "-" + sig, String.valueOf(pid)).inheritIO().start().waitFor() == 0;
  }
}
