package io.mooring.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * How many committed chat messages per second one PostgreSQL carries with LISTEN/NOTIFY fan-out before
 * p99 passes 100 ms: many small circles (members each, all connected over real WebSockets to a running
 * server), every member sending at the same rate, the rate stepped up until p99 post→deliver latency
 * passes the limit, or a message is lost, or a send fails. One line per step; the last says which.
 * With {@code -Dmooring.ceiling.all=true} every step runs (the whole curve, past the limit too).
 * Args: port dataDir serverPid circles members stepSeconds p99LimitMs warmUpRatePerMember ratePerMember...
 * PostgreSQL: MOORING_DB_URL and MOORING_BENCH_PG_PIDS (see {@link BenchPostgres}).
 */
public final class ChatCeiling {
  private final Vertx vertx = Vertx.vertx();
  private final List<ClientWebSocket> sockets = new ArrayList<>();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong lastAck = new AtomicLong();
  private final AtomicLong closed = new AtomicLong();
  private volatile boolean finishing;
  private volatile int step;
  private volatile ConcurrentHistogram latency = new ConcurrentHistogram(3);

  public static void main(String[] a) throws Exception {
    int port = Integer.parseInt(a[0]);
    Path dataDir = Path.of(a[1]);
    long serverPid = Long.parseLong(a[2]);
    int circles = Integer.parseInt(a[3]);
    int members = Integer.parseInt(a[4]);
    int stepSeconds = Integer.parseInt(a[5]);
    double limitMs = Double.parseDouble(a[6]);
    BenchPostgres pg = BenchPostgres.of(dataDir);
    ChatCeiling bench = new ChatCeiling();
    Pool pool = BenchCircles.pool(bench.vertx, dataDir);
    bench.connect(port, BenchCircles.create(pool, BenchCircles.tokens(bench.vertx, dataDir), circles, members));
    pool.close();
    System.out.printf("%d circles x %d members connected (%d sockets)%n", circles, members, circles * members);
    for (int i = 7; i < a.length; i++) {
      double rate = Double.parseDouble(a[i]);
      String load = loadAverage();
      long cpu0 = ChatBench.cpuTicks(serverPid);
      long pg0 = pg.ticks();
      boolean warmUp = i == 7;
      // The JIT needs longer than a step to settle: the warm-up runs at least 20 s.
      Step s = bench.run(i - 6, rate, warmUp ? Math.max(20, stepSeconds) : stepSeconds, members);
      double cpu = (ChatBench.cpuTicks(serverPid) - cpu0) * 10_000.0 / Math.max(1, s.acked);
      double pgCpu = (pg.ticks() - pg0) * 10_000.0 / Math.max(1, s.acked);
      boolean over = !warmUp && (s.p99 > limitMs || s.loss > 0 || s.errors > 0);
      System.out.printf("rate/member=%.2f/s offered=%.0f msgs/s committed=%.0f msgs/s deliveries/s=%.0f sent=%d acked=%d errors=%d loss=%d "
              + "closedSockets=%d p50=%.1fms p99=%.1fms max=%.1fms serverCPU=%.0fus/msg postgresCPU=%.0fus/msg load=%s->%s%s%s%n",
          rate, rate * circles * members, s.acked / s.seconds, s.delivered / s.seconds, s.sent, s.acked, s.errors, s.loss,
          bench.closed.get(), s.p50, s.p99, s.max, cpu, pgCpu, load, loadAverage(), warmUp ? "  (warm-up, discarded)" : "", over ? "  <- past the limit (p99 > " + limitMs + " ms, loss or errors)" : "");
      if (over && !Boolean.getBoolean("mooring.ceiling.all")) {
        break;
      }
    }
    bench.finishing = true;
    bench.sockets.forEach(ClientWebSocket::close);
    bench.vertx.close().await();
    System.exit(0);
  }

  record Step(long sent, long acked, long delivered, long errors, long loss, double p50, double p99, double max, double seconds) {}

  /**
   * Every member sends at {@code rate}/s for {@code seconds}; then up to 30 s until every send is
   * acknowledged and delivered (so a backlog never spills into the next step). Rates are over the
   * time from the step's start to its last acknowledgement.
   */
  Step run(int stepNo, double rate, int seconds, int members) throws InterruptedException {
    step = stepNo;
    latency = new ConcurrentHistogram(3);
    long t0 = System.nanoTime();
    long acked0 = acked.get();
    long delivered0 = delivered.get();
    long errors0 = errors.get();
    AtomicLong sent = new AtomicLong();
    long periodMs = Math.max(1, Math.round(1000 / rate));
    List<Long> timers = new ArrayList<>();
    for (int i = 0; i < sockets.size(); i++) {
      ClientWebSocket ws = sockets.get(i);
      String me = stepNo + "-" + i + "-";
      timers.add(vertx.setPeriodic(1 + (long) (Math.random() * periodMs), periodMs, id -> ws.writeTextMessage(new JsonObject()
          .put("type", "send").put("clientMsgId", me + sent.incrementAndGet()).put("body", System.nanoTime() + " " + stepNo + " ceiling").encode())));
    }
    Thread.sleep(seconds * 1000L);
    timers.forEach(vertx::cancelTimer);
    for (int i = 0; i < 300 && (acked.get() - acked0 < sent.get() || delivered.get() - delivered0 < (acked.get() - acked0) * members); i++) {
      Thread.sleep(100);
    }
    Thread.sleep(500);
    long ack = acked.get() - acked0;
    long got = delivered.get() - delivered0;
    ConcurrentHistogram h = latency;
    double secs = Math.max(seconds, (lastAck.get() - t0) / 1e9);
    return new Step(sent.get(), ack, got, errors.get() - errors0, ack * members - got, h.getValueAtPercentile(50) / 1e6,
        h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6, secs);
  }

  private void connect(int port, List<BenchCircles.Member> all) {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(all.size() + 10));
    for (BenchCircles.Member m : all) {
      ClientWebSocket ws = client.webSocket();
      ws.textMessageHandler(this::frame);
      // The server closes a socket that cannot keep up (4429, "fell behind"): counted, not reconnected.
      ws.closeHandler(v -> {
        if (closed.incrementAndGet() == 1 && !finishing) {
          System.out.println("first socket closed by the server: " + ws.closeStatusCode() + " " + ws.closeReason());
        }
      });
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/api/v1/circles/" + m.circleId() + "/live").addHeader("Authorization", "Bearer " + m.token())).await();
      sockets.add(ws);
    }
  }

  /** Deliveries and acks of this step's messages count (a late one from the last step does not); errors always. */
  private void frame(String text) {
    long now = System.nanoTime();
    JsonObject f = new JsonObject(text);
    switch (f.getString("type", "")) {
      case "message" -> {
        String[] body = f.getString("body", "0 0").split(" ");
        if (body.length > 1 && Integer.parseInt(body[1]) == step) {
          delivered.incrementAndGet();
          latency.recordValue(Math.max(0, now - Long.parseLong(body[0])));
        }
      }
      case "ack" -> {
        if (f.getString("clientMsgId", "").startsWith(step + "-")) {
          acked.incrementAndGet();
          lastAck.set(now);
        }
      }
      case "error" -> errors.incrementAndGet();
      default -> { }
    }
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
