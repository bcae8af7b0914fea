package io.mooring.bench;

import io.mooring.platform.db.DbUrl;
import io.mooring.platform.db.Migrations;
import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * How many signed-in API requests per second one PostgreSQL carries before p99 passes 100 ms, for a
 * read mix of one organization's working day: supervisors' dashboards and their pairings' session
 * records, peers' own check-in lists, supervisors reading a supervisee's check-ins, and /me. Open loop:
 * requests start on schedule at the offered rate whether or not earlier ones answered, and latency
 * counts from the scheduled start (so a stalled server is not hidden). The rate steps up until p99
 * passes the limit or a request fails. Mooring runs in this JVM (as DashboardBench), on the database
 * of MOORING_DB_URL; CPU of the PostgreSQL postmasters in MOORING_BENCH_PG_PIDS is reported per request.
 * Args: stepSeconds p99LimitMs warmUpRate rate...
 */
public final class ApiCeiling {
  private ApiCeiling() {}

  record Call(String path, String token) {}

  public static void main(String[] a) {
    HttpLoad.main(() -> measure(Integer.parseInt(a[0]), Double.parseDouble(a[1]), java.util.Arrays.copyOfRange(a, 2, a.length)));
  }

  static void measure(int seconds, double limitMs, String[] rates) {
    BenchPostgres pg;
    try {
      pg = BenchPostgres.of(java.nio.file.Path.of("-"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    DbUrl db = pg.url();
    Migrations.migrate(db);
    Vertx vertx = Vertx.vertx();
    TestServer server = TestServer.start(vertx, db, Map.of());
    List<Call> mix = seed(server.fixtures());
    Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    for (Call c : List.of(mix.get(0), mix.get(1), mix.get(2), mix.get(3), mix.get(4))) {
      HttpLoad.check(clientVertx, server.port(), c.path(), c.token());
    }
    HttpClient client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1")
        .setDefaultPort(server.port()), new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(-1));
    for (int i = 0; i < rates.length; i++) {
      double rate = Double.parseDouble(rates[i]);
      String load = ChatCeiling.loadAverage();
      long cpu0 = ChatBench.cpuTicks(ProcessHandle.current().pid());
      long pg0 = pg.ticks();
      boolean warmUp = i == 0;
      // The JIT needs longer than a step to settle: the warm-up runs at least 20 s.
      int length = warmUp ? Math.max(20, seconds) : seconds;
      Step s = step(clientVertx, client, mix, rate, length);
      boolean over = !warmUp && (s.p99 > limitMs || s.failed > 0);
      System.out.printf("offered=%.0f req/s answered=%.0f req/s ok=%d failed=%d p50=%.1fms p99=%.1fms max=%.1fms "
              + "mooringAndClientCPU=%.0fus/req postgresCPU=%.0fus/req load=%s->%s%s%s%n",
          rate, s.done / (double) length, s.done - s.failed, s.failed, s.p50, s.p99, s.max,
          (ChatBench.cpuTicks(ProcessHandle.current().pid()) - cpu0) * 10_000.0 / Math.max(1, s.done),
          (pg.ticks() - pg0) * 10_000.0 / Math.max(1, s.done), load, ChatCeiling.loadAverage(),
          warmUp ? "  (warm-up, discarded)" : "", over ? "  <- past the limit (p99 > " + limitMs + " ms or failures)" : "");
      if (over) {
        break;
      }
    }
    server.close();
    clientVertx.close().await();
    vertx.close().await();
    System.exit(0);
  }

  record Step(long done, long failed, double p50, double p99, double max) {}

  /** Requests started on a 1 ms timer to keep {@code rate}/s for {@code seconds}; then up to 5 s for the last answers. */
  static Step step(Vertx v, HttpClient client, List<Call> mix, double rate, int seconds) {
    ConcurrentHistogram latency = new ConcurrentHistogram(3);
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long t0 = System.nanoTime();
    long total = Math.round(rate * seconds);
    long[] started = {0};
    long timer = v.setPeriodic(1, id -> {
      long due = Math.min(total, (long) ((System.nanoTime() - t0) / 1e9 * rate));
      for (; started[0] < due; started[0]++) {
        long scheduled = t0 + (long) (started[0] / rate * 1e9);
        Call c = mix.get(ThreadLocalRandom.current().nextInt(mix.size()));
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(c.path()).putHeader("Authorization", "Bearer " + c.token()))
            .compose(r -> r.send().compose(res -> res.body().map(b -> res.statusCode())))
            .onComplete(ar -> {
              latency.recordValue(Math.max(0, System.nanoTime() - scheduled));
              if (ar.failed() || ar.result() != 200) {
                failed.incrementAndGet();
              }
              done.incrementAndGet();
            });
      }
    });
    sleep(seconds * 1000L);
    v.cancelTimer(timer);
    for (int i = 0; i < 50 && done.get() < started[0]; i++) {
      sleep(100);
    }
    long missing = started[0] - done.get();
    return new Step(done.get(), failed.get() + missing, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
        latency.getMaxValue() / 1e6);
  }

  /**
   * One organization: 10 supervisors with 10 peers each, a year of weekly supervision sessions per
   * pairing and of weekly check-ins per peer. The mix, by weight: dashboard 3, a pairing's sessions 3,
   * a peer's own check-ins 3, a supervisee's check-ins 2, /me 1.
   */
  static List<Call> seed(Fixtures f) {
    Pool pool = f.pool();
    long org = f.anOrganization();
    List<Call> dashboards = new ArrayList<>();
    List<Call> records = new ArrayList<>();
    List<Call> ownCheckIns = new ArrayList<>();
    List<Call> superviseeCheckIns = new ArrayList<>();
    List<Call> me = new ArrayList<>();
    List<Long> peers = new ArrayList<>();
    List<Long> pairings = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      Fixtures.Person sup = f.aSupervisor(org);
      String supToken = f.tokenFor(sup);
      dashboards.add(new Call("/api/v1/supervision/dashboard", supToken));
      me.add(new Call("/api/v1/me", supToken));
      for (int p = 0; p < 10; p++) {
        Fixtures.Person peer = f.aPeer(org);
        long pairing = f.aPairing(sup, peer, "peer");
        peers.add(peer.id());
        pairings.add(pairing);
        records.add(new Call("/api/v1/supervision/pairings/" + pairing + "/sessions", supToken));
        ownCheckIns.add(new Call("/api/v1/checkins?limit=26", f.tokenFor(peer)));
        superviseeCheckIns.add(new Call("/api/v1/checkins/people/" + peer.id(), supToken));
      }
    }
    DashboardBench.seedHistory(pool, pairings.stream().mapToLong(Long::longValue).toArray(), 1, 52);
    HistoryBench.seedCheckIns(pool, org, peers, 52);
    pool.query("analyze").execute().await();
    List<Call> mix = new ArrayList<>();
    // First one of each kind (HttpLoad.check prints what each answers), then the weighted rest.
    mix.addAll(List.of(dashboards.get(0), records.get(0), ownCheckIns.get(0), superviseeCheckIns.get(0), me.get(0)));
    // Weights per kind, whatever the number of calls of each kind: dashboard 300, sessions 300, own check-ins 300, ...
    addWeighted(mix, dashboards, 300);
    addWeighted(mix, records, 300);
    addWeighted(mix, ownCheckIns, 300);
    addWeighted(mix, superviseeCheckIns, 200);
    addWeighted(mix, me, 100);
    return mix;
  }

  private static void addWeighted(List<Call> mix, List<Call> kind, int weight) {
    for (int i = 0; i < weight; i++) {
      mix.add(kind.get(i % kind.size()));
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
