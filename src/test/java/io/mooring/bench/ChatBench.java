package io.mooring.bench;

import io.mooring.platform.auth.Passwords;
import io.mooring.platform.auth.Tokens;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client for live chat (no JUnit): C fresh circles of M members, each member posting at a fixed
 * rate over its own real WebSocket to a running server on 127.0.0.1; prints sent, delivered, loss,
 * duplicates, deliveries/s, post→deliver latency percentiles and server CPU from /proc, per delivery
 * and per committed (acked) message, for the JVM alone and with PostgreSQL (postmaster + backends).
 * Args: port dataDir serverPid circles members ratePerMember seconds
 */
public final class ChatBench {
  public static void main(String[] a) throws Exception {
    int port = Integer.parseInt(a[0]);
    Path dataDir = Path.of(a[1]);
    long serverPid = Long.parseLong(a[2]);
    int circles = Integer.parseInt(a[3]);
    int n = Integer.parseInt(a[4]);
    double rate = Double.parseDouble(a[5]);
    int seconds = Integer.parseInt(a[6]);
    BenchPostgres postgres = BenchPostgres.of(dataDir); // embedded, or MOORING_DB_URL (ops/bench/ha/replication.sh)
    Vertx vertx = Vertx.vertx();
    Pool pool = BenchCircles.pool(vertx, dataDir);
    List<BenchCircles.Member> members = BenchCircles.create(pool, BenchCircles.tokens(vertx, dataDir), circles, n);
    pool.close();

    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(members.size() + 10)
        .setConnectTimeout(60_000));
    List<WebSocket> sockets = new ArrayList<>();
    AtomicLong delivered = new AtomicLong();
    AtomicLong dups = new AtomicLong();
    AtomicLong acked = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long[] lat = new long[(int) Math.min(50_000_000L, (long) (circles * (double) n * n * rate * seconds * 1.2) + 1000)];
    AtomicLong latN = new AtomicLong();
    // Send to ack (the commit path alone), next to send to delivery (commit, notification, fan-out).
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    long[] ackLat = new long[(int) Math.min(10_000_000L, (long) (circles * (double) n * rate * seconds * 1.2) + 1000)];
    AtomicLong ackN = new AtomicLong();
    Semaphore connecting = new Semaphore(50);
    for (BenchCircles.Member m : members) {
      Set<Long> mine = ConcurrentHashMap.newKeySet();
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
          long k = latN.getAndIncrement();
          if (k < lat.length) {
            lat[(int) k] = now - Long.parseLong(f.getString("body").split(" ")[0]);
          }
        } else if ("ack".equals(type)) {
          acked.incrementAndGet();
          Long at = sentAt.remove(f.getString("clientMsgId"));
          long k = ackN.getAndIncrement();
          if (at != null && k < ackLat.length) {
            ackLat[(int) k] = now - at;
          }
        } else if ("error".equals(type)) {
          errors.incrementAndGet();
        }
      });
      connecting.acquire();
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/api/v1/circles/" + m.circleId() + "/live").addHeader("Authorization", "Bearer " + m.token()))
          .onComplete(ar -> connecting.release());
      sockets.add(ws);
    }
    connecting.acquire(50);
    Thread.sleep(1000);
    long cpu0 = cpuTicks(serverPid);
    long jit0 = jitTicks(serverPid);
    long pg0 = postgres.ticks();
    long t0 = System.nanoTime();
    AtomicLong sent = new AtomicLong();
    long periodMs = Math.max(1, Math.round(1000 / rate));
    List<Long> timers = new ArrayList<>();
    for (int i = 0; i < sockets.size(); i++) {
      WebSocket ws = sockets.get(i);
      int me = i;
      long offset = 1 + (long) (Math.random() * periodMs);
      timers.add(vertx.setPeriodic(offset, periodMs, id -> {
        long c = sent.incrementAndGet();
        long now = System.nanoTime();
        sentAt.put(me + "-" + c, now);
        ws.writeTextMessage(new JsonObject().put("type", "send").put("clientMsgId", me + "-" + c)
            .put("body", now + " bench message").encode());
      }));
    }
    Thread.sleep(seconds * 1000L);
    timers.forEach(vertx::cancelTimer);
    long sendEnd = System.nanoTime();
    // Drain: until every send is answered and every committed message delivered, or 10 s (then what is missing is loss).
    while ((acked.get() + errors.get() < sent.get() || delivered.get() < acked.get() * n) && System.nanoTime() - sendEnd < 10_000_000_000L) {
      Thread.sleep(100);
    }
    long jvm = cpuTicks(serverPid) - cpu0;
    long jit = jitTicks(serverPid) - jit0;
    long pg = postgres.ticks() - pg0;
    long expected = acked.get() * n;
    long k = Math.min(latN.get(), lat.length);
    long[] l = sorted(lat, k);
    double secs = (sendEnd - t0) / 1e9;
    double perDelivery = 10_000.0 / Math.max(1, delivered.get());
    double perMessage = 10_000.0 / Math.max(1, acked.get());
    System.out.printf("circles=%d members=%d rate=%.2f/s seconds=%d sent=%d acked=%d errors=%d delivered=%d expected=%d loss=%d duplicates=%d "
            + "deliveries/s=%.0f p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms serverCPU=%.1fus/delivery withPostgres=%.1fus/delivery "
            + "perMessage: serverCPU=%.0fus withPostgres=%.0fus postgres=%.0fus%n",
        circles, n, rate, seconds, sent.get(), acked.get(), errors.get(), delivered.get(), expected, expected - delivered.get(), dups.get(),
        delivered.get() / secs, pct(l, 50), pct(l, 90), pct(l, 99), k == 0 ? 0 : l[l.length - 1] / 1e6,
        jvm * perDelivery, (jvm + pg) * perDelivery, jvm * perMessage, (jvm + pg) * perMessage, pg * perMessage);
    long[] al = sorted(ackLat, Math.min(ackN.get(), ackLat.length));
    System.out.printf("  ack (send to commit) p50=%.2fms p99=%.2fms max=%.2fms%n", pct(al, 50), pct(al, 99),
        al.length == 0 ? 0 : al[al.length - 1] / 1e6);
    System.out.printf("  of the server's CPU, JIT compiler threads: %.1fus/delivery; without them: %.1fus/delivery%n",
        jit * 10_000.0 / Math.max(1, delivered.get()), (jvm - jit) * 10_000.0 / Math.max(1, delivered.get()));
    sockets.forEach(WebSocket::close);
    vertx.close();
  }

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

  /** The first {@code n} values, sorted (a copy). */
  static long[] sorted(long[] values, long n) {
    long[] l = Arrays.copyOf(values, (int) n);
    Arrays.sort(l);
    return l;
  }

  /** The p-th percentile of sorted nanoseconds, in milliseconds. */
  static double pct(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
  }

  /**
   * CPU ticks of the JIT compiler threads (C1, C2) of a JVM: a fresh server keeps compiling for minutes after
   * its warm-up, which a long-running one has long finished, so the per-delivery figures are given without it too.
   * (A compiler thread that exits in the window takes its ticks with it: the figure is then a floor.)
   */
  static long jitTicks(long pid) {
    long sum = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
          }
        } catch (Exception gone) {
          // the thread ended between listing and reading
        }
      }
    } catch (Exception e) {
      return 0;
    }
    return sum;
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
