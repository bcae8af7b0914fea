package io.mooring.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PostgreSQL CPU per committed chat message under the many-small-circles load (no JUnit): C circles of
 * M members, each member on its own WebSocket posting at a fixed rate to a running server; counts acks
 * (an ack follows the commit) and prints the CPU of every PostgreSQL process (postmaster and all
 * backends, the LISTEN connection's included) per acked message, the server's CPU per acked message,
 * ack latency and delivery latency percentiles, and the load average.
 * Args: port dataDir serverPid circles members ratePerMember seconds
 */
public final class SendLoadBench {
  public static void main(String[] a) throws Exception {
    int port = Integer.parseInt(a[0]);
    Path dataDir = Path.of(a[1]);
    long serverPid = Long.parseLong(a[2]);
    int circles = Integer.parseInt(a[3]);
    int members = Integer.parseInt(a[4]);
    double rate = Double.parseDouble(a[5]);
    int seconds = Integer.parseInt(a[6]);
    long pgPid = BenchPostgres.of(dataDir).postmasters()[0]; // the embedded server's postmaster
    Vertx vertx = Vertx.vertx();
    Pool pool = BenchCircles.pool(vertx, dataDir);
    List<BenchCircles.Member> who = BenchCircles.create(pool, BenchCircles.tokens(vertx, dataDir), circles, members);
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(circles * members + 10));
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    int expect = (int) (circles * members * rate * seconds * 1.3) + 1000;
    long[] ackLat = new long[expect];
    long[] delLat = new long[expect * members];
    AtomicLong acks = new AtomicLong();
    AtomicLong deliveries = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<ClientWebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < who.size(); i++) {
      ClientWebSocket ws = client.webSocket();
      ws.textMessageHandler(t -> {
        long now = System.nanoTime();
        JsonObject f = new JsonObject(t);
        switch (f.getString("type")) {
          case "ack" -> {
            Long at = sentAt.remove(f.getString("clientMsgId"));
            long k = acks.getAndIncrement();
            if (at != null && k < ackLat.length) {
              ackLat[(int) k] = now - at;
            }
          }
          case "message" -> {
            long k = deliveries.getAndIncrement();
            if (k < delLat.length) {
              delLat[(int) k] = now - Long.parseLong(f.getString("body").split(" ")[0]);
            }
          }
          case "error" -> errors.incrementAndGet();
          default -> { }
        }
      });
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/api/v1/circles/" + who.get(i).circleId() + "/live").addHeader("Authorization", "Bearer " + who.get(i).token())).await();
      sockets.add(ws);
    }
    Thread.sleep(2000);
    long cpu0 = ChatBench.cpuTicks(serverPid);
    long pg0 = ChatBench.pgTicks(pgPid);
    Map<Long, Long> perPid0 = PgCpu.perProcess(pgPid);
    long xacts0 = transactions(pool);
    long acks0 = acks.get();
    long t0 = System.nanoTime();
    AtomicLong sent = new AtomicLong();
    long periodMs = Math.max(1, Math.round(1000 / rate));
    List<Long> timers = new ArrayList<>();
    for (int i = 0; i < sockets.size(); i++) {
      ClientWebSocket ws = sockets.get(i);
      int me = i;
      timers.add(vertx.setPeriodic(1 + (long) (Math.random() * periodMs), periodMs, id -> {
        String cid = me + "-" + sent.incrementAndGet();
        long now = System.nanoTime();
        sentAt.put(cid, now);
        ws.writeTextMessage(new JsonObject().put("type", "send").put("clientMsgId", cid).put("body", now + " bench message").encode());
      }));
    }
    Thread.sleep(seconds * 1000L);
    timers.forEach(vertx::cancelTimer);
    double secs = (System.nanoTime() - t0) / 1e9;
    Thread.sleep(3000);
    long cpu1 = ChatBench.cpuTicks(serverPid);
    long pg1 = ChatBench.pgTicks(pgPid);
    Map<Long, Long> perPid1 = PgCpu.perProcess(pgPid);
    long xacts1 = transactions(pool);
    long acked = acks.get() - acks0;
    long[] al = ChatBench.sorted(ackLat, Math.min(acks.get(), ackLat.length));
    long[] dl = ChatBench.sorted(delLat, Math.min(deliveries.get(), delLat.length));
    System.out.printf("circles=%d members=%d rate=%.2f/s seconds=%d sent=%d acked=%d errors=%d msgs/s=%.0f deliveries=%d "
            + "ack p50=%.2fms p99=%.2fms delivery p50=%.2fms p99=%.2fms | PostgreSQL CPU=%.0fus/committed message (%.0f%% of a core) "
            + "server CPU=%.0fus/committed message | load average %s%n",
        circles, members, rate, seconds, sent.get(), acked, errors.get(), acked / secs, deliveries.get(), ChatBench.pct(al, 50),
        ChatBench.pct(al, 99), ChatBench.pct(dl, 50), ChatBench.pct(dl, 99), (pg1 - pg0) * 10_000.0 / Math.max(1, acked), (pg1 - pg0) / (secs + 3),
        (cpu1 - cpu0) * 10_000.0 / Math.max(1, acked),
        Files.readString(Path.of("/proc/loadavg")).substring(0, 14));
    // Every chat statement is its own transaction (a batch of sends is one), so this counts statements, the bench's two reads aside.
    System.out.printf("PostgreSQL transactions per committed message: %.2f%n", (xacts1 - xacts0) / (double) Math.max(1, acked));
    System.out.print("PostgreSQL CPU by process role (the bench's own connections set things up before the window):\n"
        + PgCpu.byRole(pool, perPid0, perPid1, acked));
    sockets.forEach(ClientWebSocket::close);
    vertx.close();
  }

  /** Committed and rolled-back transactions in the server's database (pg_stat_database, flushed by backends within a second or so). */
  private static long transactions(Pool pool) {
    return pool.query("select xact_commit + xact_rollback from pg_stat_database where datname = current_database()").execute().await()
        .iterator().next().getLong(0);
  }
}
