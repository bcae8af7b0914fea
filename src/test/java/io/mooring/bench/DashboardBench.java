package io.mooring.bench;

import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Supervisor dashboard (GET /api/v1/supervision/dashboard, authenticated, 25 supervisees) against a
 * bare Vert.x + pg-client {@code SELECT 1} endpoint, in the same JVM and run, at 10^3 and 10^6
 * stored sessions. Usage: DashboardBench [seconds] [concurrency] [rounds].
 */
public final class DashboardBench {
  /**
   * The cheapest signed-in API call through Mooring's whole router (security headers, body handler,
   * contract validation, route table, authentication, one query): the floor any API endpoint stands on.
   */
  static final String ME = "/api/v1/me";

  private DashboardBench() {}

  record Result(String name, long requests, double seconds, double p50, double p99) {
    double perSecond() {
      return requests / seconds;
    }

    String line() {
      return String.format("| %s | %.0f | %.2f | %.2f |", name, requests / seconds, p50, p99);
    }
  }

  public static void main(String[] args) {
    try {
      measure(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  static void measure(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Vertx vertx = Vertx.vertx();
    TestServer server = TestServer.start(vertx);
    Pool pool = server.pool();
    int barePort = server.port() + 1;
    Router bare = Router.router(vertx);
    bare.get("/bare").handler(ctx -> pool.query("SELECT 1").execute()
        .onSuccess(r -> ctx.response().putHeader("Content-Type", "application/json").end("{\"one\":1}"))
        .onFailure(ctx::fail));
    // The floor of any signed-in request: Mooring's own authentication (token check, session lookup), then SELECT 1.
    bare.get("/bare-auth").handler(server.services().auth().required()).handler(ctx -> pool.query("SELECT 1").execute()
        .onSuccess(r -> ctx.response().putHeader("Content-Type", "application/json").end("{\"one\":1}"))
        .onFailure(ctx::fail));
    for (int i = 0; i < 2; i++) {
      vertx.createHttpServer().requestHandler(bare).listen(barePort, "127.0.0.1").await();
    }
    Fixtures f = server.fixtures();
    long org = f.anOrganization();
    Fixtures.Person sup = f.aSupervisor(org);
    String token = f.tokenFor(sup);
    long[] pairings = new long[25];
    for (int i = 0; i < 25; i++) {
      pairings[i] = f.aPairing(sup, f.aPeer(org), "peer");
    }
    seedHistory(pool, pairings, 1, 40);
    System.out.println("sessions stored: " + count(pool));
    Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    String dash = "/api/v1/supervision/dashboard";
    check(clientVertx, server.port(), dash, token);
    check(clientVertx, barePort, "/bare-auth", token);
    List<Endpoint> endpoints = List.of(new Endpoint("bare SELECT 1", barePort, "/bare", null),
        new Endpoint("signed-in SELECT 1", barePort, "/bare-auth", token), new Endpoint("Mooring GET /api/v1/me", server.port(), ME, token),
        new Endpoint("dashboard", server.port(), dash, token));
    endpoints.forEach(e -> run(clientVertx, e, 3, concurrency));
    Map<String, Result> small = medians(clientVertx, endpoints, rounds, seconds, concurrency);
    long smallCount = count(pool);

    seedHistory(pool, pairings, 41, 260);
    seedFiller(pool, 1_000_000 - (int) count(pool));
    pool.query("analyze").execute().await();
    long bigCount = count(pool);
    System.out.println("sessions stored: " + bigCount);
    endpoints.forEach(e -> run(clientVertx, e, 3, concurrency));
    Map<String, Result> big = medians(clientVertx, endpoints, rounds, seconds, concurrency);
    StringBuilder table = new StringBuilder("| endpoint | req/s | p50 ms | p99 ms |\n|---|---|---|---|\n");
    small.values().forEach(r -> table.append(rename(r, r.name() + " (" + smallCount + " sessions)").line()).append('\n'));
    big.values().forEach(r -> table.append(rename(r, r.name() + " (" + bigCount + " sessions)").line()).append('\n'));
    System.out.println(table);
    for (String base : List.of("bare SELECT 1", "signed-in SELECT 1", "Mooring GET /api/v1/me")) {
      System.out.printf("dashboard/%s req/s: %.0f%% at %d sessions, %.0f%% at %d sessions%n", base,
          100 * small.get("dashboard").perSecond() / small.get(base).perSecond(), smallCount,
          100 * big.get("dashboard").perSecond() / big.get(base).perSecond(), bigCount);
    }
    System.out.printf("dashboard p50 growth from %d to %d sessions: %.2fx%n", smallCount, bigCount,
        big.get("dashboard").p50() / small.get("dashboard").p50());
    server.close();
    clientVertx.close().await();
    vertx.close().await();
    System.exit(0);
  }

  record Endpoint(String name, int port, String path, String token) {}

  /**
   * The machine is shared and its load drifts, so the endpoints take turns, {@code rounds} times,
   * and each endpoint's round with the median req/s is reported: no endpoint gets all the quiet seconds.
   */
  static Map<String, Result> medians(Vertx v, List<Endpoint> endpoints, int rounds, int seconds, int concurrency) {
    Map<String, List<Result>> all = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Endpoint e : endpoints) {
        all.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(rename(run(v, e, seconds, concurrency), e.name()));
      }
    }
    Map<String, Result> out = new LinkedHashMap<>();
    all.forEach((name, results) -> {
      List<Result> sorted = new ArrayList<>(results);
      sorted.sort(Comparator.comparingDouble(Result::perSecond));
      out.put(name, sorted.get(sorted.size() / 2));
    });
    return out;
  }

  static Result run(Vertx v, Endpoint e, int seconds, int concurrency) {
    return run(v, e.port(), e.path(), e.token(), seconds, concurrency);
  }

  static Result rename(Result r, String name) {
    return new Result(name, r.requests(), r.seconds(), r.p50(), r.p99());
  }

  /** Weekly held history for each pairing (weeks back from now), with one open action item each. */
  static void seedHistory(Pool pool, long[] pairings, int fromWeek, int weeks) {
    pool.preparedQuery("""
        insert into supervision_schedules (pairing_id, rrule, first_start, duration_minutes, modality, cadence_days)
        select p, 'FREQ=WEEKLY', (now() - make_interval(weeks => $2))::timestamp, 60, 'video', 7 from unnest($1::bigint[]) p
        on conflict do nothing""").execute(Tuple.of(pairings, weeks)).await();
    pool.preparedQuery("""
        insert into supervision_sessions (org_id, pairing_id, starts_at, duration_minutes, modality, status)
        select sp.org_id, sp.id, now() - make_interval(weeks => w), 60, 'video', 'held'
          from supervision_pairings sp, generate_series($3::int, $2::int) w where sp.id = any($1)""")
        .execute(Tuple.of(pairings, weeks, fromWeek)).await();
    pool.preparedQuery("""
        insert into supervision_action_items (pairing_id, origin_session_id, body, owner_id, due_date)
        select sp.id, (select max(id) from supervision_sessions where pairing_id = sp.id), 'Follow up with the team', sp.supervisee_id, current_date + 7
          from supervision_pairings sp where sp.id = any($1)""").execute(Tuple.of(pairings)).await();
  }

  /** Other organizations' history, so the table holds about a million sessions. */
  static void seedFiller(Pool pool, int sessions) {
    if (sessions <= 0) {
      return;
    }
    int pairings = (sessions + 259) / 260;
    long org = pool.query("insert into organizations (name) values ('Filler') returning id").execute().await().iterator().next().getLong(0);
    pool.preparedQuery("""
        insert into users (org_id, email, display_name, roles)
        select $1, 'filler' || g || '@example.test', 'Filler ' || g, case when g <= 100 then array['supervisor'] else array['peer'] end
          from generate_series(1, $2::int + 100) g""").execute(Tuple.of(org, pairings)).await();
    pool.preparedQuery("""
        insert into supervision_pairings (org_id, supervisor_id, supervisee_id, type)
        select $1, s.id, p.id, 'peer'
          from (select id, row_number() over (order by id) rn from users where org_id = $1 and 'peer' = any(roles)) p
          join (select id, row_number() over (order by id) rn from users where org_id = $1 and 'supervisor' = any(roles)) s
            on s.rn = (p.rn % 100) + 1""").execute(Tuple.of(org)).await();
    pool.preparedQuery("""
        insert into supervision_sessions (org_id, pairing_id, starts_at, duration_minutes, modality, status)
        select $1, sp.id, now() - make_interval(weeks => w), 60, 'video', case when w % 9 = 0 then 'missed' else 'held' end
          from supervision_pairings sp, generate_series(1, 260) w where sp.org_id = $1 limit $2::int""").execute(Tuple.of(org, sessions)).await();
  }

  static long count(Pool pool) {
    return pool.query("select count(*) from supervision_sessions").execute().await().iterator().next().getLong(0);
  }

  static void check(Vertx v, int port, String path, String token) {
    HttpClient c = v.createHttpClient();
    var res = c.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI(path)
            .putHeader("Authorization", "Bearer " + token))
        .compose(r -> r.send().compose(x -> x.body().map(b -> x.statusCode() + " " + b.length() + " bytes"))).await();
    System.out.println(path + " answers " + res);
    c.close();
  }

  /** Closed loop: {@code concurrency} requests in flight on keep-alive connections for {@code seconds}. */
  static Result run(Vertx v, int port, String path, String token, int seconds, int concurrency) {
    HttpClient client = v.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(concurrency));
    long[] latencies = new long[5_000_000];
    AtomicInteger n = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    RequestOptions opts = new RequestOptions().setMethod(HttpMethod.GET).setURI(path);
    if (token != null) {
      opts.putHeader("Authorization", "Bearer " + token);
    }
    long start = System.nanoTime();
    Future<?>[] loops = new Future<?>[concurrency];
    for (int i = 0; i < concurrency; i++) {
      io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
      loops[i] = done.future();
      v.runOnContext(x -> loop(client, opts, latencies, n, stop, done));
    }
    v.setTimer(seconds * 1000L, t -> stop.set(true));
    Future.all(Arrays.asList(loops)).await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    int count = Math.min(n.get(), latencies.length);
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    client.close();
    return new Result(path, count, elapsed, sorted[count / 2] / 1e6, sorted[(int) (count * 0.99)] / 1e6);
  }

  private static void loop(HttpClient client, RequestOptions opts, long[] lat, AtomicInteger n, AtomicBoolean stop,
                           io.vertx.core.Promise<Void> done) {
    if (stop.get()) {
      done.complete();
      return;
    }
    long t0 = System.nanoTime();
    client.request(opts).compose(r -> r.send().compose(res -> {
      if (res.statusCode() != 200) {
        return Future.failedFuture("status " + res.statusCode());
      }
      return res.body();
    })).onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
        return;
      }
      int i = n.getAndIncrement();
      if (i < lat.length) {
        lat[i] = System.nanoTime() - t0;
      }
      loop(client, opts, lat, n, stop, done);
    });
  }
}
