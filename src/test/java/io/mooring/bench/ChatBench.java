package io.mooring.bench;

import io.mooring.platform.auth.Keys;
import io.mooring.platform.auth.Passwords;
import io.mooring.platform.auth.Tokens;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.db.Database;
import io.mooring.platform.db.DbUrl;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client for live chat (no JUnit): N members of one fresh circle, each posting at a fixed rate
 * over a real WebSocket to a running server on 127.0.0.1; prints sent, delivered, loss, duplicates,
 * deliveries/s, post→deliver latency percentiles and server CPU per delivery from /proc.
 * Args: port dataDir serverPid members ratePerMember seconds
 */
public final class ChatBench {
  public static void main(String[] a) throws Exception {
    int port = Integer.parseInt(a[0]);
    Path dataDir = Path.of(a[1]);
    long serverPid = Long.parseLong(a[2]);
    int n = Integer.parseInt(a[3]);
    double rate = Double.parseDouble(a[4]);
    int seconds = Integer.parseInt(a[5]);
    List<String> pidFile = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
    long pgPid = Long.parseLong(pidFile.get(0).trim());
    int pgPort = Integer.parseInt(pidFile.get(3).trim());
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, new DbUrl("localhost", pgPort, Database.NAME, "postgres", ""), 4);
    AppConfig config = AppConfig.fromEnv(Map.of("MOORING_DATA_DIR", dataDir.toString()));
    Tokens tokens = new Tokens(vertx, Keys.load(config), java.time.Duration.ofHours(2));
    long circle = setUp(pool, n, tokens, tokensOut);

    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(n + 10));
    List<WebSocket> sockets = new ArrayList<>();
    List<Set<Long>> seen = new ArrayList<>();
    AtomicLong delivered = new AtomicLong();
    AtomicLong dups = new AtomicLong();
    AtomicLong acked = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long[] lat = new long[(int) (n * n * rate * seconds * 1.2) + 1000];
    AtomicLong latN = new AtomicLong();
    for (int i = 0; i < n; i++) {
      Set<Long> mine = ConcurrentHashMap.newKeySet();
      seen.add(mine);
      io.vertx.core.http.ClientWebSocket ws = client.webSocket();
      ws.textMessageHandler(t -> {
        long now = System.nanoTime();
        JsonObject f = new JsonObject(t);
        String type = f.getString("type");
        if ("message".equals(type)) {
          if (!mine.add(f.getLong("seq"))) {
            dups.incrementAndGet();
            return;
          }
          delivered.incrementAndGet();
          long sentAt = Long.parseLong(f.getString("body").split(" ")[0]);
          long k = latN.getAndIncrement();
          if (k < lat.length) {
            lat[(int) k] = now - sentAt;
          }
        } else if ("ack".equals(type)) {
          acked.incrementAndGet();
        } else if ("error".equals(type)) {
          errors.incrementAndGet();
        }
      });
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/api/v1/circles/" + circle + "/live").addHeader("Authorization", "Bearer " + tokensOut.get(i))).await();
      sockets.add(ws);
    }
    Thread.sleep(1000);
    long cpu0 = cpuTicks(serverPid);
    long pg0 = pgTicks(pgPid);
    long t0 = System.nanoTime();
    AtomicLong sent = new AtomicLong();
    long periodMs = Math.max(1, Math.round(1000 / rate));
    List<Long> timers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      WebSocket ws = sockets.get(i);
      int me = i;
      long offset = 1 + (long) (Math.random() * periodMs);
      timers.add(vertx.setPeriodic(offset, periodMs, id -> {
        long c = sent.incrementAndGet();
        ws.writeTextMessage(new JsonObject().put("type", "send").put("clientMsgId", me + "-" + c)
            .put("body", System.nanoTime() + " bench message").encode());
      }));
    }
    Thread.sleep(seconds * 1000L);
    timers.forEach(vertx::cancelTimer);
    long sendEnd = System.nanoTime();
    Thread.sleep(3000);
    long cpu1 = cpuTicks(serverPid);
    long pg1 = pgTicks(pgPid);
    long expected = acked.get() * n;
    long k = Math.min(latN.get(), lat.length);
    long[] l = Arrays.copyOf(lat, (int) k);
    Arrays.sort(l);
    double secs = (sendEnd - t0) / 1e9;
    System.out.printf("members=%d rate=%.2f/s seconds=%d sent=%d acked=%d errors=%d delivered=%d expected=%d loss=%d duplicates=%d "
            + "deliveries/s=%.0f p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms serverCPU=%.1fus/delivery withPostgres=%.1fus/delivery%n",
        n, rate, seconds, sent.get(), acked.get(), errors.get(), delivered.get(), expected, expected - delivered.get(), dups.get(),
        delivered.get() / secs, pct(l, 50), pct(l, 90), pct(l, 99), k == 0 ? 0 : l[l.length - 1] / 1e6,
        (cpu1 - cpu0) * 10_000.0 / Math.max(1, delivered.get()), (cpu1 - cpu0 + pg1 - pg0) * 10_000.0 / Math.max(1, delivered.get()));
    sockets.forEach(WebSocket::close);
    vertx.close();
  }

  static final List<String> tokensOut = new ArrayList<>();

  static long setUp(Pool pool, int n, Tokens tokens, List<String> out) {
    String hash = Passwords.hashNow(UUID.randomUUID().toString());
    long org = pool.preparedQuery("insert into organizations (name) values ($1) returning id").execute(Tuple.of("Bench " + UUID.randomUUID()))
        .await().iterator().next().getLong(0);
    long circle = pool.preparedQuery("insert into circles (org_id, name, join_policy) values ($1, 'Bench circle', 'invite') returning id")
        .execute(Tuple.of(org)).await().iterator().next().getLong(0);
    for (int i = 0; i < n; i++) {
      long user = pool.preparedQuery("insert into users (org_id, email, display_name, password_hash, roles) values ($1, $2, $3, $4, $5) returning id")
          .execute(Tuple.of(org, "bench-" + UUID.randomUUID() + "@bench.test", "Bench member " + i, hash, new String[] {"peer"}))
          .await().iterator().next().getLong(0);
      pool.preparedQuery("insert into circle_members (circle_id, user_id, role) values ($1, $2, 'member')").execute(Tuple.of(circle, user)).await();
      UUID sid = UUID.randomUUID();
      pool.preparedQuery("insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, 'bench', $3)")
          .execute(Tuple.of(sid, user, OffsetDateTime.now().plusHours(2))).await();
      out.add(tokens.issue(user, sid.toString()));
    }
    return circle;
  }

  private static double pct(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
  }

  /** utime + stime of a process, in clock ticks (1/100 s). */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception e) {
      return 0;
    }
  }

  /** The postmaster and its backends (children), including those that ended (cutime/cstime). */
  static long pgTicks(long postmaster) {
    long sum = 0;
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path p : dirs.toList()) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(p.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long pid = Long.parseLong(name);
          if (pid == postmaster) {
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
          } else if (Long.parseLong(f[1]) == postmaster) {
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        } catch (Exception ignored) {
          // the process ended while we looked
        }
      }
    } catch (Exception e) {
      return 0;
    }
    return sum;
  }
}
