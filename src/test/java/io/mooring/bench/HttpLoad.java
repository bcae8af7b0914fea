package io.mooring.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Closed-loop HTTP load for the benchmarks: N requests in flight on keep-alive connections, latencies, req/s. */
final class HttpLoad {
  private HttpLoad() {}

  /** Command line of the HTTP benchmarks: [seconds-per-measurement] [concurrency=16] [rounds=3]. */
  record Settings(int seconds, int concurrency, int rounds) {
    static Settings of(String[] args, int defaultSeconds) {
      return new Settings(args.length > 0 ? Integer.parseInt(args[0]) : defaultSeconds,
          args.length > 1 ? Integer.parseInt(args[1]) : 16, args.length > 2 ? Integer.parseInt(args[2]) : 3);
    }
  }

  /** Runs a benchmark and exits: 0 when it printed its figures, 1 (with the stack trace) when it failed. */
  static void main(Runnable benchmark) {
    try {
      benchmark.run();
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1);
    }
  }

  record Result(String name, long requests, double seconds, double p50, double p99) {
    double perSecond() {
      return requests / seconds;
    }

    String line() {
      return String.format("| %s | %.0f | %.2f | %.2f |", name, requests / seconds, p50, p99);
    }
  }

  record Endpoint(String name, int port, String path, String token) {}

  /** Each endpoint warmed up for {@code warmUpSeconds} (discarded), then measured as {@link #medians} says. */
  static Map<String, Result> measure(Vertx v, List<Endpoint> endpoints, Settings settings, int warmUpSeconds) {
    endpoints.forEach(e -> run(v, e, warmUpSeconds, settings.concurrency()));
    return medians(v, endpoints, settings.rounds(), settings.seconds(), settings.concurrency());
  }

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
