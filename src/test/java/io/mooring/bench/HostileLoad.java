package io.mooring.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory under hostile load, against a running server (started by ops/bench/hostile/run.sh):
 * rounds of 200 concurrent failed sign-ins, then generated requests from the OpenAPI document as
 * four roles for the given minutes. Prints peak RSS (sampled, and the kernel's VmHWM) and heap
 * used after a full GC (jcmd GC.run, then jstat) after each phase, and the status counts.
 * Args: port serverPid minutes [signInRounds=5] [concurrency=16]
 */
public final class HostileLoad {
  private static final String DEMO_PASSWORD = "mooring-demo";

  public static void main(String[] a) throws Exception {
    int port = Integer.parseInt(a[0]);
    long pid = Long.parseLong(a[1]);
    double minutes = Double.parseDouble(a[2]);
    int rounds = a.length > 3 ? Integer.parseInt(a[3]) : 5;
    int concurrency = a.length > 4 ? Integer.parseInt(a[4]) : 16;
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(220));
    RssSampler rss = new RssSampler(pid);
    rss.start();
    System.out.printf("start: RSS %.1f MB, heap after GC %.1f MB%n", rss.currentMb(), heapAfterGcMb(pid));

    long t0 = System.nanoTime();
    Map<Integer, Integer> signIns = failedSignIns(client, rounds);
    System.out.printf("sign-ins: %d rounds of 200 concurrent failed sign-ins in %.1f s, statuses %s%n",
        rounds, (System.nanoTime() - t0) / 1e9, signIns);
    System.out.printf("after sign-ins: peak RSS %.1f MB (sampled every 200 ms), heap after GC %.1f MB%n",
        rss.takePeakMb(), heapAfterGcMb(pid));

    Map<String, String> tokens = signInAsRoles(client);
    RequestGenerator generator = new RequestGenerator(client.get("/api/v1/openapi.json").send().await().bodyAsJsonObject(), 11);
    Map<Integer, Integer> statuses = generatedRequests(client, generator, tokens, minutes, concurrency);
    long total = statuses.values().stream().mapToLong(Integer::longValue).sum();
    long fiveXx = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
    System.out.printf("generated: %d requests over %d operations in %.1f min as %s, 5xx: %d, statuses %s%n",
        total, generator.operations(), minutes, tokens.keySet(), fiveXx, new java.util.TreeMap<>(statuses));
    System.out.printf("after generated run: peak RSS %.1f MB (sampled), heap after GC %.1f MB, VmHWM (whole run) %.1f MB%n",
        rss.takePeakMb(), heapAfterGcMb(pid), RssSampler.procMb(pid, "VmHWM:"));
    rss.stopSampling();
    client.close();
    vertx.close().await();
  }

  /** Rounds of 200 at once, each from its own address and for its own unknown account. */
  private static Map<Integer, Integer> failedSignIns(WebClient client, int rounds) {
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    for (int r = 0; r < rounds; r++) {
      List<Future<HttpResponse<Buffer>>> round = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        round.add(client.post("/api/v1/auth/login").putHeader("X-Forwarded-For", "10.9." + r + "." + i)
            .sendJsonObject(new JsonObject().put("email", "nobody-" + r + "-" + i + "@example.test").put("password", "wrong")));
      }
      Future.join(round).otherwiseEmpty().await();
      round.forEach(f -> statuses.merge(f.succeeded() ? f.result().statusCode() : -1, 1, Integer::sum));
    }
    return statuses;
  }

  /** {@code concurrency} plain threads (Future.await() may block them, unlike Vert.x's own) until time is up. */
  private static Map<Integer, Integer> generatedRequests(WebClient client, RequestGenerator generator, Map<String, String> tokens,
      double minutes, int concurrency) throws InterruptedException {
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    AtomicLong sent = new AtomicLong();
    long end = System.nanoTime() + (long) (minutes * 60e9);
    List<String> roles = new ArrayList<>(tokens.keySet());
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      Thread worker = new Thread(() -> {
        while (System.nanoTime() < end) {
          RequestGenerator.Request req;
          synchronized (generator) {
            req = generator.next();
          }
          String token = tokens.get(roles.get((int) (sent.incrementAndGet() % roles.size())));
          statuses.merge(send(client, req, token), 1, Integer::sum);
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread t : workers) {
      t.join();
    }
    return statuses;
  }

  private static int send(WebClient client, RequestGenerator.Request req, String token) {
    HttpRequest<Buffer> http = client.request(HttpMethod.valueOf(req.method()), req.uri()).putHeader("Accept", "application/json");
    if (!token.isEmpty()) {
      http.putHeader("Authorization", "Bearer " + token);
    }
    Future<HttpResponse<Buffer>> res = req.body() == null ? http.send()
        : http.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(req.body()));
    return res.map(HttpResponse::statusCode).otherwise(-1).await();
  }

  private static Map<String, String> signInAsRoles(WebClient client) {
    Map<String, String> tokens = new java.util.LinkedHashMap<>();
    tokens.put("anonymous", "");
    for (String[] who : new String[][] {{"admin", "admin"}, {"supervisor", "rivera"}, {"peer", "sam"}}) {
      var res = client.post("/api/v1/auth/login").putHeader("X-Forwarded-For", "10.1.1." + who[0].length())
          .sendJsonObject(new JsonObject().put("email", who[1] + "@demo.mooring.test").put("password", DEMO_PASSWORD)).await();
      if (res.statusCode() != 200) {
        throw new IllegalStateException("demo sign-in as " + who[1] + " failed: " + res.statusCode() + " " + res.bodyAsString());
      }
      tokens.put(who[0], res.bodyAsJsonObject().getString("token"));
    }
    return tokens;
  }

  /** Forces a full GC in the server, then reads heap used (survivors + eden + old) with jstat. */
  static double heapAfterGcMb(long pid) throws Exception {
    run("jcmd", String.valueOf(pid), "GC.run");
    String[] lines = run("jstat", "-gc", String.valueOf(pid)).strip().split("\n");
    String[] names = lines[0].trim().split("\\s+");
    String[] values = lines[lines.length - 1].trim().split("\\s+");
    double kb = 0;
    for (int i = 0; i < names.length; i++) {
      if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
        kb += Double.parseDouble(values[i]);
      }
    }
    return kb / 1024;
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out;
  }

  /** VmRSS every 200 ms on a daemon thread; the peak since the last take. */
  static final class RssSampler extends Thread {
    private final long pid;
    private volatile double peakMb;
    private volatile boolean running = true;

    RssSampler(long pid) {
      this.pid = pid;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        peakMb = Math.max(peakMb, currentMb());
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    double currentMb() {
      return procMb(pid, "VmRSS:");
    }

    double takePeakMb() {
      double p = Math.max(peakMb, currentMb());
      peakMb = 0;
      return p;
    }

    void stopSampling() {
      running = false;
    }

    static double procMb(long pid, String field) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
          if (line.startsWith(field)) {
            return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
          }
        }
      } catch (java.io.IOException e) {
        return -1;
      }
      return -1;
    }
  }
}
