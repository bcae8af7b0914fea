package io.mooring.bench;

import static io.mooring.bench.HttpLoad.check;
import static io.mooring.bench.HttpLoad.rename;

import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;

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

  public static void main(String[] args) {
    HttpLoad.main(() -> measure(HttpLoad.Settings.of(args, 15)));
  }

  static void measure(HttpLoad.Settings settings) {
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
    List<HttpLoad.Endpoint> endpoints = List.of(new HttpLoad.Endpoint("bare SELECT 1", barePort, "/bare", null),
        new HttpLoad.Endpoint("signed-in SELECT 1", barePort, "/bare-auth", token), new HttpLoad.Endpoint("Mooring GET /api/v1/me", server.port(), ME, token),
        new HttpLoad.Endpoint("dashboard", server.port(), dash, token));
    Map<String, HttpLoad.Result> small = HttpLoad.measure(clientVertx, endpoints, settings, 3);
    long smallCount = count(pool);

    seedHistory(pool, pairings, 41, 260);
    seedFiller(pool, 1_000_000 - (int) count(pool));
    pool.query("analyze").execute().await();
    long bigCount = count(pool);
    System.out.println("sessions stored: " + bigCount);
    Map<String, HttpLoad.Result> big = HttpLoad.measure(clientVertx, endpoints, settings, 3);
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

}
