package io.mooring.bench;

import static io.mooring.bench.HttpLoad.check;

import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;

/**
 * The growth target for history reads (DESIGN.md: within 2x latency from 10^3 to 10^6 rows): a page
 * of a circle's messages (newest, and one from the middle by cursor), a peer's check-in history and a
 * pairing's session list, measured with 10^3 rows in each table and again with 10^6. The circle itself
 * grows to a million messages; the peer's and the pairing's own history stay the same size while
 * other people's rows fill the tables. Usage: HistoryBench [seconds] [concurrency] [rounds].
 */
public final class HistoryBench {
  private static final int SMALL = 1_000;
  private static final int BIG = 1_000_000;

  private HistoryBench() {}

  public static void main(String[] args) {
    HttpLoad.main(() -> measure(HttpLoad.Settings.of(args, 8)));
  }

  static void measure(HttpLoad.Settings settings) {
    Vertx vertx = Vertx.vertx();
    TestServer server = TestServer.start(vertx);
    Pool pool = server.pool();
    Fixtures f = server.fixtures();
    long org = f.anOrganization();
    Fixtures.Person peer = f.aPeer(org);
    Fixtures.Person supervisor = f.aSupervisor(org);
    long circle = f.aCircle(org, peer);
    long pairing = f.aPairing(supervisor, peer, "peer");
    String peerToken = f.tokenFor(peer);
    String supToken = f.tokenFor(supervisor);

    seedMessages(pool, circle, peer.id(), 1, SMALL);
    seedCheckIns(pool, org, List.of(peer.id()), 52);
    fillCheckIns(pool, SMALL - 52);
    DashboardBench.seedHistory(pool, new long[] {pairing}, 1, 52);
    pool.query("analyze").execute().await();
    Vertx client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    System.out.println("rows: " + rows(pool));
    Map<String, HttpLoad.Result> small = measureAll(client, server, circle, pairing, peerToken, supToken, SMALL, settings);

    seedMessages(pool, circle, peer.id(), SMALL + 1, BIG);
    fillCheckIns(pool, BIG - SMALL);
    DashboardBench.seedFiller(pool, BIG - (int) DashboardBench.count(pool));
    pool.query("analyze").execute().await();
    System.out.println("rows: " + rows(pool));
    Map<String, HttpLoad.Result> big = measureAll(client, server, circle, pairing, peerToken, supToken, BIG, settings);

    StringBuilder table = new StringBuilder("| read | tables | req/s | p50 ms | p99 ms |\n|---|---|---|---|---|\n");
    for (String name : small.keySet()) {
      for (var entry : List.of(Map.entry("small", small.get(name)), Map.entry("10^6 rows", big.get(name)))) {
        HttpLoad.Result r = entry.getValue();
        table.append(String.format("| %s | %s | %.0f | %.2f | %.2f |%n", name, entry.getKey(), r.perSecond(), r.p50(), r.p99()));
      }
    }
    System.out.println(table);
    small.keySet().forEach(name -> System.out.printf("%s: p50 growth %.2fx from 10^3 to 10^6 rows%n", name,
        big.get(name).p50() / small.get(name).p50()));
    System.out.println("(small: 1,000 messages in the circle, 1,000 check-ins, the pairing's 52 sessions; big: the rows line above)");
    server.close();
    client.close().await();
    vertx.close().await();
    System.exit(0);
  }

  static Map<String, HttpLoad.Result> measureAll(Vertx client, TestServer server, long circle, long pairing, String peerToken,
                                                 String supToken, int messages, HttpLoad.Settings settings) {
    int port = server.port();
    String messagesPath = "/api/v1/circles/" + circle + "/messages";
    List<HttpLoad.Endpoint> endpoints = List.of(
        new HttpLoad.Endpoint("circle messages, newest page", port, messagesPath + "?limit=50", peerToken),
        new HttpLoad.Endpoint("circle messages, page in the middle", port, messagesPath + "?limit=50&before=" + messages / 2, peerToken),
        new HttpLoad.Endpoint("check-in history", port, "/api/v1/checkins?limit=26", peerToken),
        new HttpLoad.Endpoint("pairing's sessions", port, "/api/v1/supervision/pairings/" + pairing + "/sessions", supToken));
    endpoints.forEach(e -> check(client, port, e.path(), e.token()));
    return HttpLoad.measure(client, endpoints, settings, 2);
  }

  /** Messages {@code from..to} of one circle, one per second of history, oldest first. */
  static void seedMessages(Pool pool, long circle, long author, int from, int to) {
    pool.preparedQuery("""
        insert into circle_messages (circle_id, seq, author_id, client_msg_id, body, created_at)
        select $1, g, $2, 'bench-' || g, 'Message number ' || g || ' about how the week went', now() - make_interval(secs => $4 - g)
          from generate_series($3::int, $4::int) g""").execute(Tuple.of(circle, author, from, to)).await();
    pool.preparedQuery("update circle_counters set last_seq = $2 where circle_id = $1").execute(Tuple.of(circle, (long) to)).await();
  }

  /** {@code weeks} weekly check-ins for each peer, most recent last week. */
  static void seedCheckIns(Pool pool, long org, List<Long> peers, int weeks) {
    pool.preparedQuery("""
        insert into checkins (org_id, peer_id, instrument_version, period_end, unit, amounts, shares, pulses, score)
        select $1, p, 1, current_date - 7 * w, 'percent', '{"lived_experience": 80, "filing": 20}', '{"lived_experience": 80, "filing": 20}',
               '{"asked_outside_role": 2, "felt_included": 4, "felt_supported": 4, "role_understood": 4}', 20
          from unnest($2::bigint[]) p, generate_series(1, $3::int) w""").execute(Tuple.tuple().addLong(org)
        .addArrayOfLong(peers.toArray(new Long[0])).addInteger(weeks)).await();
  }

  /** Other people's check-ins: an organization of peers with 250 weeks each, until {@code rows} more are stored. */
  static void fillCheckIns(Pool pool, int rows) {
    if (rows <= 0) {
      return;
    }
    int weeks = Math.min(250, rows);
    int peers = (rows + weeks - 1) / weeks;
    long org = pool.query("insert into organizations (name) values ('Check-in filler') returning id").execute().await().iterator().next().getLong(0);
    var created = pool.preparedQuery("""
        insert into users (org_id, email, display_name, roles)
        select $1, 'cfill-' || $1 || '-' || g || '@example.test', 'Filler ' || g, array['peer'] from generate_series(1, $2::int) g
        returning id""").execute(Tuple.of(org, peers)).await();
    List<Long> ids = new java.util.ArrayList<>();
    created.forEach(r -> ids.add(r.getLong(0)));
    seedCheckIns(pool, org, ids, weeks);
  }

  static String rows(Pool pool) {
    return pool.query("""
        select (select count(*) from circle_messages) as messages, (select count(*) from checkins) as checkins,
               (select count(*) from supervision_sessions) as sessions""").execute().await().iterator().next().toJson().encode();
  }
}
