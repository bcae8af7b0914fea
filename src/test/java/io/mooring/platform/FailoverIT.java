package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.db.Migrations;
import io.mooring.support.Fixtures;
import io.mooring.support.PatroniCluster;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Losing the database server for real: two Mooring nodes on the ops/ha setup (Patroni, etcd, HAProxy,
 * synchronous standby), chat clients under load, the primary's postmaster killed with SIGKILL (and a
 * planned {@code patronictl switchover}). Every acknowledged message must be in the circle exactly once,
 * in seq order, and on every client; readiness reports 503 while no primary answers. Recovery time is
 * the longest pause between acknowledgements around the failover. Skipped without the packages or root.
 */
class FailoverIT {
  static final int KILLS = Integer.getInteger("mooring.failover.kills", 3);
  static PatroniCluster cluster;
  static Vertx vertx;
  static TestServer nodeA;
  static TestServer nodeB;

  @BeforeAll
  static void start() throws Exception {
    PatroniCluster.assumeAvailable();
    cluster = PatroniCluster.start();
    Migrations.migrate(cluster.url());
    vertx = Vertx.vertx();
    nodeA = TestServer.start(vertx, cluster.url(), Map.of());
    nodeB = TestServer.start(vertx, cluster.url(), Map.of());
    // start.sh returns once a primary answers; the standby may still be copying (pg_basebackup).
    awaitSynchronousStandby();
  }

  @AfterAll
  static void stop() {
    try {
      if (nodeB != null) {
        nodeB.close();
      }
      if (nodeA != null) {
        nodeA.close();
      }
      if (vertx != null) {
        vertx.close().await();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  void killingThePrimaryLosesNoAcknowledgedMessage() throws Exception {
    Load load = Load.start(vertx, nodeA, nodeB);
    try (ReadinessWatch ready = ReadinessWatch.start(nodeB.port())) {
      for (int trial = 1; trial <= KILLS; trial++) {
        String primary = awaitSynchronousPair();
        Thread.sleep(1500);
        long killedAt = System.nanoTime();
        cluster.killPostmaster(primary);
        String promoted = awaitPrimaryOtherThan(primary);
        load.awaitAckAfter(killedAt);
        report("kill " + trial, load, killedAt, primary + " killed, " + promoted + " promoted");
        System.out.println("[FAILOVER] readiness of a node since the kill: " + ready.since(killedAt));
        assertTrue(ready.sawNotReadySince(killedAt), "readiness answered 503 while there was no primary");
      }
      load.finish(cluster);
      assertEquals(200, ready.awaitReady(), "ready again after the failover, without a restart");
    }
    load.assertNothingLost();
    assertEquals(cluster.other(awaitPrimaryOrNull()), awaitSynchronousStandby(), "the old primary came back as the synchronous standby");
  }

  @Test
  void aPlannedSwitchoverLosesNoAcknowledgedMessage() throws Exception {
    Load load = Load.start(vertx, nodeA, nodeB);
    String primary = awaitSynchronousPair();
    Thread.sleep(1500);
    long switchedAt = System.nanoTime();
    cluster.switchover(primary);
    long switched = System.nanoTime();
    String promoted = awaitPrimaryOtherThan(primary);
    load.awaitAckAfter(switchedAt);
    report("switchover", load, switchedAt, String.format("%s -> %s, patronictl took %.1f s, %d acks meanwhile", primary, promoted,
        (switched - switchedAt) / 1e9, load.acksBetween(switchedAt, switched)));
    load.finish(cluster);
    load.assertNothingLost();
  }

  private static void report(String what, Load load, long at, String detail) {
    System.out.printf("[FAILOVER] %s: %s; recovery %.1f s (longest pause between acks around it), longest wait of one message "
        + "for its ack %.1f s; %d acks so far%n", what, detail, load.recoverySeconds(at), load.longestWaitSeconds(at), load.ackCount());
  }

  /** Both nodes up, one primary and the other its synchronous standby (a failover is possible without loss). */
  private static String awaitSynchronousPair() throws InterruptedException {
    awaitSynchronousStandby();
    return awaitPrimaryOrNull();
  }

  private static String awaitSynchronousStandby() throws InterruptedException {
    for (int i = 0; i < 480; i++) {
      String p = cluster.primary();
      if (p != null && cluster.isSyncStandby(cluster.other(p))) {
        return cluster.other(p);
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no synchronous standby within 120 s; see " + cluster.state());
  }

  private static String awaitPrimaryOrNull() throws InterruptedException {
    for (int i = 0; i < 240; i++) {
      String p = cluster.primary();
      if (p != null) {
        return p;
      }
      Thread.sleep(250);
    }
    return null;
  }

  private static String awaitPrimaryOtherThan(String old) throws InterruptedException {
    for (int i = 0; i < 240; i++) {
      String p = cluster.primary();
      if (p != null && !p.equals(old)) {
        return p;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Patroni promoted no other node within 60 s; see " + cluster.state());
  }

  /** Four people in one circle, two on each node, each sending on its own thread. */
  static final class Load {
    final long circleId;
    final List<ChatSender> senders = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();
    final TestServer node;

    private Load(long circleId, TestServer node) {
      this.circleId = circleId;
      this.node = node;
    }

    static Load start(Vertx vertx, TestServer a, TestServer b) {
      Fixtures f = a.fixtures();
      long org = f.anOrganization();
      Fixtures.Person[] people = {f.aPeer(org), f.aPeer(org), f.aPeer(org), f.aPeer(org)};
      Load load = new Load(f.aCircle(org, people), a);
      for (int i = 0; i < people.length; i++) {
        TestServer node = i % 2 == 0 ? a : b;
        ChatSender s = new ChatSender(vertx, node.port(), f.tokenFor(people[i]), load.circleId, "c" + load.circleId + "p" + i);
        Thread t = new Thread(s, "chat-sender-" + i);
        load.senders.add(s);
        load.threads.add(t);
        t.start();
      }
      return load;
    }

    int ackCount() {
      return senders.stream().mapToInt(s -> s.acks.size()).sum();
    }

    void awaitAckAfter(long nanos) throws InterruptedException {
      for (int i = 0; i < 600; i++) {
        if (senders.stream().allMatch(s -> !s.acks.isEmpty() && s.acks.get(s.acks.size() - 1).nanos() > nanos)) {
          return;
        }
        Thread.sleep(100);
      }
      throw new AssertionError("not every client was acknowledged again within 60 s of the failover");
    }

    /** The longest pause between consecutive acks (all clients) that ends after {@code at}. */
    double recoverySeconds(long at) {
      List<Long> times = senders.stream().flatMap(s -> s.acks.stream()).map(ChatSender.Ack::nanos).sorted().toList();
      long longest = 0;
      for (int i = 1; i < times.size(); i++) {
        // Called just after every client was acknowledged again: later pauses are not there yet.
        if (times.get(i) > at) {
          longest = Math.max(longest, times.get(i) - times.get(i - 1));
        }
      }
      return longest / 1e9;
    }

    long acksBetween(long from, long to) {
      return senders.stream().flatMap(s -> s.acks.stream()).filter(a -> a.nanos() > from && a.nanos() <= to).count();
    }

    /** The longest a message sent around {@code at} waited for its ack, resends included (what a person saw). */
    double longestWaitSeconds(long at) {
      return senders.stream().flatMap(s -> s.acks.stream()).filter(a -> a.nanos() > at)
          .mapToLong(a -> a.nanos() - a.firstSent()).max().orElse(0) / 1e9;
    }

    /** Stops sending, then has every client catch up to the circle's last seq. */
    void finish(PatroniCluster cluster) throws InterruptedException {
      senders.forEach(s -> s.sending = false);
      for (ChatSender s : senders) {
        while (!s.doneSending) {
          Thread.sleep(50);
        }
      }
      long last = node.pool().preparedQuery("select coalesce(max(seq), 0) from circle_messages where circle_id = $1")
          .execute(Tuple.of(circleId)).await().iterator().next().getLong(0);
      senders.forEach(s -> s.target = last);
      for (Thread t : threads) {
        t.join(70_000);
      }
    }

    /** Every ack is in the circle once, with its seq; seqs run 1..n; every client saw exactly 1..n in order. */
    void assertNothingLost() {
      Map<String, Long> stored = new HashMap<>();
      List<Long> seqs = new ArrayList<>();
      for (Row r : node.pool().preparedQuery("select seq, client_msg_id from circle_messages where circle_id = $1 order by seq")
          .execute(Tuple.of(circleId)).await()) {
        assertEquals(null, stored.put(r.getString(1), r.getLong(0)), "clientMsgId stored twice: " + r.getString(1));
        seqs.add(r.getLong(0));
      }
      List<Long> expected = java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList();
      assertEquals(expected, seqs, "seqs run 1..n without gaps");
      int lost = 0;
      for (ChatSender s : senders) {
        assertEquals(List.of(), s.problems, "client problems (duplicates, gaps, errors)");
        for (ChatSender.Ack a : s.acks) {
          Long seq = stored.get(a.clientMsgId());
          if (seq == null || seq != a.seq()) {
            lost++;
          }
        }
        assertEquals(expected, s.seen, "every message reaches every client once, in seq order");
      }
      System.out.printf("[FAILOVER] circle %d: %d acknowledged messages, %d stored, %d acknowledged but lost, reconnects %s%n",
          circleId, ackCount(), seqs.size(), lost, senders.stream().map(s -> s.reconnects).toList());
      assertEquals(0, lost, "acknowledged messages lost");
      assertEquals(seqs.size(), ackCount(), "every stored message was acknowledged to its sender");
    }
  }
}
