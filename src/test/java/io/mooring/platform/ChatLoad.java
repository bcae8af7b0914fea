package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Four people in one circle, two on each node, each sending on its own thread. */
final class ChatLoad {
  final long circleId;
  final List<ChatSender> senders = new ArrayList<>();
  final List<Thread> threads = new ArrayList<>();
  final TestServer node;

  private ChatLoad(long circleId, TestServer node) {
    this.circleId = circleId;
    this.node = node;
  }

  static ChatLoad start(Vertx vertx, TestServer a, TestServer b) {
    Fixtures f = a.fixtures();
    long org = f.anOrganization();
    Fixtures.Person[] people = {f.aPeer(org), f.aPeer(org), f.aPeer(org), f.aPeer(org)};
    ChatLoad load = new ChatLoad(f.aCircle(org, people), a);
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
  void finish() throws InterruptedException {
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

  /**
   * What the circle holds, read through the node's pool. Right after the last kill, a pooled connection can still
   * lead (through HAProxy) to the killed primary until HAProxy marks it down and cuts the session; that read fails
   * with the connection closed (seen once in CI), so it is read again on a fresh connection, up to 10 times a second apart.
   */
  private io.vertx.sqlclient.RowSet<Row> storedMessages() {
    for (int attempt = 1; ; attempt++) {
      try {
        return node.pool().preparedQuery("select seq, client_msg_id from circle_messages where circle_id = $1 order by seq")
            .execute(Tuple.of(circleId)).await();
      } catch (io.vertx.sqlclient.ClosedConnectionException | io.vertx.pgclient.PgException e) {
        if (attempt == 10 || e instanceof io.vertx.pgclient.PgException pg && !"57P01".equals(pg.getSqlState())) {
          throw e;
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Every ack is in the circle once, with its seq; seqs run 1..n; every client saw exactly 1..n in order. */
  void assertNothingLost() {
    Map<String, Long> stored = new HashMap<>();
    List<Long> seqs = new ArrayList<>();
    for (Row r : storedMessages()) {
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
