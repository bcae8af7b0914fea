package io.mooring.bench;

import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;

/**
 * Chat search at 10^6 messages (DESIGN.md target: p95 <= 50 ms for a one-word query). 100 circles of
 * 10,000 messages each; the searching peer is a member of 5. Bodies are 12 words drawn with a skewed
 * distribution from a 3,000-word vocabulary, so query words range from common (in ~6% of messages)
 * to rare (~0.1%). One request at a time over real HTTP (the latency one person sees), after a warm-up.
 * Usage: SearchBench [messages=1000000] [queries-per-word=300].
 */
public final class SearchBench {
  private static final int CIRCLES = 100;
  private static final int VOCABULARY = 3000;

  /** The statement the server runs, for EXPLAIN. */
  private static final String SEARCH_SQL = io.mooring.circles.SearchRepository.SEARCH;

  private SearchBench() {}

  public static void main(String[] args) {
    HttpLoad.main(() -> measure(args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000, args.length > 1 ? Integer.parseInt(args[1]) : 300));
  }

  static void measure(int messages, int queries) {
    Vertx vertx = Vertx.vertx();
    TestServer server = TestServer.start(vertx);
    Pool pool = server.pool();
    Fixtures f = server.fixtures();
    long org = f.anOrganization();
    Fixtures.Person peer = f.aPeer(org);
    Fixtures.Person other = f.aPeer(org);
    long[] circles = new long[CIRCLES];
    for (int i = 0; i < CIRCLES; i++) {
      circles[i] = i < 5 ? f.aCircle(org, peer, other) : f.aCircle(org, other);
    }
    long t0 = System.nanoTime();
    seed(pool, circles, other.id(), messages);
    // What autovacuum does after a burst of inserts (autovacuum_vacuum_insert_threshold): without it the
    // GIN index's pending list from the bulk seed is scanned linearly by every query, which no running server sees for long.
    pool.query("vacuum (analyze) circle_messages").execute().await();
    pool.query("analyze").execute().await();
    System.out.printf("seeded %,d messages in %d circles in %.0f s%n", messages, CIRCLES, (System.nanoTime() - t0) / 1e9);
    String token = f.tokenFor(peer);
    Vertx client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    HttpClient http = client.createHttpClient(new HttpClientOptions().setKeepAlive(true).setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
    System.out.println("| query word | messages containing it (all circles) | results | p50 ms | p95 ms | p99 ms |");
    System.out.println("|---|---|---|---|---|---|");
    for (int word : new int[] {10, 200, 2500}) {
      String q = "term" + word;
      long containing = pool.preparedQuery("select count(*) from circle_messages where search_words @@ websearch_to_tsquery('english', $1)")
          .execute(Tuple.of(q)).await().iterator().next().getLong(0);
      int results = 0;
      for (int i = 0; i < 30; i++) {
        results = get(http, token, q);
      }
      long[] lat = new long[queries];
      for (int i = 0; i < queries; i++) {
        long s = System.nanoTime();
        get(http, token, q);
        lat[i] = System.nanoTime() - s;
      }
      Arrays.sort(lat);
      System.out.printf("| %s | %,d | %d | %.2f | %.2f | %.2f |%n", q, containing, results,
          lat[queries / 2] / 1e6, lat[(int) (queries * 0.95)] / 1e6, lat[(int) (queries * 0.99)] / 1e6);
    }
    // The plan, to show which index answers (the same statement the server runs), and each word's own execution time.
    pool.preparedQuery("explain analyze " + SEARCH_SQL).execute(Tuple.of(peer.id(), org, "term10", 20)).await()
        .forEach(r -> System.out.println("    " + r.getString(0)));
    for (String q : new String[] {"term10", "term200", "term2500"}) {
      // Planned for the word, as the server does (set local plan_cache_mode = force_custom_plan); a warm run first.
      var plan = pool.withTransaction(tx -> tx.query("set local plan_cache_mode = force_custom_plan").execute()
          .compose(v -> tx.preparedQuery("explain analyze " + SEARCH_SQL).execute(Tuple.of(peer.id(), org, q, 20)))
          .compose(v -> tx.preparedQuery("explain analyze " + SEARCH_SQL).execute(Tuple.of(peer.id(), org, q, 20)))).await();
      StringBuilder b = new StringBuilder(q + ":");
      plan.forEach(r -> {
        String line = r.getString(0);
        if (line.contains("Scan") || line.contains("Execution Time")) {
          b.append(" | ").append(line.trim().replaceAll("\\(cost=[^)]*\\)", ""));
        }
      });
      System.out.println(b);
    }
    http.close().await();
    server.close();
    client.close().await();
    vertx.close().await();
    System.exit(0);
  }

  static int get(HttpClient http, String token, String q) {
    return http.request(new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/v1/circle-search?q=" + q)
            .putHeader("Authorization", "Bearer " + token))
        .compose(r -> r.send().compose(res -> res.statusCode() == 200 ? res.body() : io.vertx.core.Future.failedFuture("status " + res.statusCode())))
        .await().toJsonObject().getJsonArray("items").size();
  }

  /** Messages spread evenly over the circles, one a second of history; word i is drawn with weight ~ i^(-2/3). */
  static void seed(Pool pool, long[] circles, long author, int messages) {
    int perCircle = messages / circles.length;
    for (long circle : circles) {
      pool.preparedQuery("""
          insert into circle_messages (circle_id, seq, author_id, client_msg_id, body, created_at)
          select $1, g, $2, 'bench-' || g,
                 (select string_agg('term' || floor(power(random(), 3) * $4)::int, ' ') from generate_series(1, 12) w where g > 0),
                 now() - make_interval(secs => $3 - g)
            from generate_series(1, $3::int) g""").execute(Tuple.of(circle, author, perCircle, VOCABULARY)).await();
      pool.preparedQuery("update circle_counters set last_seq = $2 where circle_id = $1").execute(Tuple.of(circle, (long) perCircle)).await();
    }
  }
}
