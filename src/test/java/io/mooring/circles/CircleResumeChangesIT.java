package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Resuming with ?after=SEQ&changes=N replays the edits and deletions of older messages made while away: once, in order, then live. */
@ExtendWith(ServerPerClass.class)
class CircleResumeChangesIT {
  static final String[] FRAMES = {"message", "edited", "deleted", "ready"};
  static TestServer server;
  static Vertx vertx;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    vertx = started.vertx();
    org = server.fixtures().anOrganization();
  }

  LiveClient connect(Fixtures.Person p, long circle, Long after, Long changes) {
    return LiveClient.connect(vertx, server.port(), server.fixtures().tokenFor(p), circle, after, changes);
  }

  static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void edit(LiveClient c, long id, String body) {
    c.send(new JsonObject().put("type", "edit").put("id", id).put("body", body));
  }

  /** Waits until the circle's change counter reaches n (the change is committed). */
  static void awaitChange(long circle, long n) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      long now = server.pool().preparedQuery("select last_change from circle_counters where circle_id = $1").execute(io.vertx.sqlclient.Tuple.of(circle))
          .await().iterator().next().getLong(0);
      if (now >= n) {
        return;
      }
      pause(20);
    }
    throw new AssertionError("change " + n + " never committed");
  }

  @Test
  void editsDeletesAndRemovalsMadeWhileAwayArriveOnceAfterTheMissedMessagesThenLive() {
    Fixtures f = server.fixtures();
    var fac = f.aPeer(org);
    var a = f.aPeer(org);
    var b = f.aPeer(org);
    long circle = f.aCircle(org, fac, a, b);
    long m1;
    long m2;
    long m3;
    long seen;
    long mark;
    try (LiveClient ca = connect(a, circle, null, null); LiveClient cb = connect(b, circle, null, null)) {
      mark = ca.next("ready").getLong("change");
      assertEquals(0, mark);
      m1 = cb.sendAcked("m1", "one").getLong("id");
      m2 = cb.sendAcked("m2", "two").getLong("id");
      m3 = cb.sendAcked("m3", "three").getLong("id");
      seen = ca.messages(3).get(2).getLong("seq");
    }
    long m4;
    try (LiveClient cb = connect(b, circle, null, null); LiveClient cf = connect(fac, circle, null, null)) {
      // One at a time: frames on one or several sockets are handled concurrently, and the test wants a known order.
      edit(cb, m1, "one, edited");
      awaitChange(circle, 1);
      edit(cb, m1, "one, edited twice");
      awaitChange(circle, 2);
      cb.send(new JsonObject().put("type", "delete").put("id", m2));
      awaitChange(circle, 3);
      cf.send(new JsonObject().put("type", "delete").put("id", m3));
      awaitChange(circle, 4);
      m4 = cb.sendAcked("m4", "four").getLong("id");
      edit(cb, m4, "four, edited");
      awaitChange(circle, 5);
    }

    try (LiveClient ca = connect(a, circle, seen, mark); LiveClient cb = connect(b, circle, null, null)) {
      List<JsonObject> got = new ArrayList<>();
      JsonObject ready = null;
      while (ready == null) {
        JsonObject fr = ca.next(x -> List.of(FRAMES).contains(x.getString("type")));
        got.add(fr);
        ready = "ready".equals(fr.getString("type")) ? fr : null;
      }
      assertEquals(List.of("message", "edited", "deleted", "deleted", "ready"), got.stream().map(x -> x.getString("type")).toList(),
          got.toString());
      assertEquals(m4, got.get(0).getLong("id"));
      assertEquals("four, edited", got.get(0).getString("body"), "a newer message comes as it is now, with no change frame");
      assertEquals(m1, got.get(1).getLong("id"));
      assertEquals("one, edited twice", got.get(1).getString("body"), "the latest body; the superseded edit is not replayed");
      assertEquals(List.of(m2, m3), List.of(got.get(2).getLong("id"), got.get(3).getLong("id")));
      assertNull(got.get(2).getString("body"), "a tombstone");
      List<Long> changes = got.subList(1, 4).stream().map(x -> x.getLong("change")).toList();
      assertEquals(List.of(2L, 3L, 4L), changes, "in change order");
      assertEquals(5L, ready.getLong("change"));
      assertEquals(4L, ready.getLong("seq"));

      long m5 = cb.sendAcked("m5", "five").getLong("id");
      assertEquals(m5, ca.next("message").getLong("id"));
      edit(cb, m1, "one, edited live");
      JsonObject live = ca.next("edited");
      assertEquals(6L, live.getLong("change"));
      assertTrue(ca.drain(300, FRAMES).isEmpty(), "nothing twice");
      mark = 6;
      seen = 5;
    }

    try (LiveClient upToDate = connect(a, circle, seen, mark)) {
      List<JsonObject> got = upToDate.drain(500, FRAMES);
      assertEquals(List.of("ready"), got.stream().map(x -> x.getString("type")).toList(), "up to date: nothing replayed");
      assertEquals(mark, got.get(0).getLong("change"));
    }
    try (LiveClient noChanges = connect(a, circle, 1L, null)) {
      List<String> types = noChanges.drain(500, FRAMES).stream().map(x -> x.getString("type")).toList();
      assertEquals(List.of("message", "message", "message", "message", "ready"), types, "without changes=, messages only");
    }
  }

  @Test
  void changesMadeDuringTheCatchUpAreNeitherLostNorRepeated() {
    Fixtures f = server.fixtures();
    var a = f.aPeer(org);
    var b = f.aPeer(org);
    long circle = f.aCircle(org, a, b);
    List<Long> ids = new ArrayList<>();
    try (LiveClient cb = connect(b, circle, null, null)) {
      for (int i = 0; i < 20; i++) {
        ids.add(cb.sendAcked("k" + i, "v0").getLong("id"));
      }
      for (int i = 0; i < 10; i++) {
        edit(cb, ids.get(i), "v1");
      }
      awaitChange(circle, 10);
      // Edits keep coming while the resuming client catches up: some land in the replay, some in the live buffer.
      try (LiveClient ca = connect(a, circle, 20L, 0L)) {
        for (int round = 2; round <= 3; round++) {
          for (Long id : ids) {
            edit(cb, id, "v" + round);
          }
        }
        awaitChange(circle, 50);
        Map<Long, String> state = new HashMap<>();
        List<Long> changes = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!changes.contains(50L) && System.currentTimeMillis() < deadline) {
          JsonObject fr;
          try {
            fr = ca.next("edited");
          } catch (AssertionError e) {
            throw new AssertionError("changes seen: " + changes, e);
          }
          changes.add(fr.getLong("change"));
          state.put(fr.getLong("id"), fr.getString("body"));
        }
        assertTrue(ca.drain(300, "edited", "deleted").isEmpty(), "nothing after the last change");
        assertEquals(changes.stream().distinct().sorted().toList(), changes, "each change once, in order: " + changes);
        ids.forEach(id -> assertEquals("v3", state.get(id), "every message ends in its current state"));
      }
    }
  }
}
