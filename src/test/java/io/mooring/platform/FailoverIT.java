package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.db.Migrations;
import io.mooring.support.PatroniCluster;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
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
  static final int KILLS = Integer.getInteger("mooring.failover.kills", 5);
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
    ChatLoad load = ChatLoad.start(vertx, nodeA, nodeB);
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
      load.finish();
      assertEquals(200, ready.awaitReady(), "ready again after the failover, without a restart");
    }
    load.assertNothingLost();
    assertEquals(cluster.other(awaitPrimaryOrNull()), awaitSynchronousStandby(), "the old primary came back as the synchronous standby");
  }

  @Test
  void aPlannedSwitchoverLosesNoAcknowledgedMessage() throws Exception {
    ChatLoad load = ChatLoad.start(vertx, nodeA, nodeB);
    String primary = awaitSynchronousPair();
    Thread.sleep(1500);
    long switchedAt = System.nanoTime();
    cluster.switchover(primary);
    long switched = System.nanoTime();
    String promoted = awaitPrimaryOtherThan(primary);
    load.awaitAckAfter(switchedAt);
    report("switchover", load, switchedAt, String.format("%s -> %s, patronictl took %.1f s, %d acks meanwhile", primary, promoted,
        (switched - switchedAt) / 1e9, load.acksBetween(switchedAt, switched)));
    load.finish();
    load.assertNothingLost();
  }

  private static void report(String what, ChatLoad load, long at, String detail) {
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
}
