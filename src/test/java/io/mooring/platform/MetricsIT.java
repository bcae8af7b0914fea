package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.metrics.Metrics;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.Test;

/** With metrics enabled as Main enables them, /metrics serves Prometheus text including HTTP server metrics. */
class MetricsIT {

  @Test
  void metricsArePrometheusTextWithHttpServerFigures() throws InterruptedException {
    Vertx vertx = Metrics.vertx(new VertxOptions());
    try (TestServer server = TestServer.start(vertx)) {
      assertEquals(200, server.client().get("/health/ready").send().await().statusCode());
      assertEquals(401, server.client().get("/api/v1/me").send().await().statusCode());
      server.client().get("/api/v1/users/5").send().await();
      long org = server.fixtures().anOrganization();
      var a = server.fixtures().aPeer(org);
      var b = server.fixtures().aPeer(org);
      long circle = server.fixtures().aCircle(org, a, b);
      try (var onA = io.mooring.circles.LiveClient.connect(vertx, server.port(), server.fixtures().tokenFor(a), circle, null);
           var onB = io.mooring.circles.LiveClient.connect(vertx, server.port(), server.fixtures().tokenFor(b), circle, null)) {
        onA.send(io.mooring.circles.LiveClient.send("m-1", "counted, never labelled"));
        onA.next("ack");
        onB.next("message");
      }
      // The server records a response's time once its last byte is written, a moment after the client has it.
      var res = server.client().get("/metrics").send().await();
      for (int i = 0; i < 50 && !res.bodyAsString().contains("vertx_http_server_response_time_seconds_bucket"); i++) {
        Thread.sleep(100);
        res = server.client().get("/metrics").send().await();
      }
      assertEquals(200, res.statusCode());
      assertTrue(res.getHeader("Content-Type").startsWith("text/plain"), res.getHeader("Content-Type"));
      String text = res.bodyAsString();
      assertTrue(text.contains("# TYPE vertx_http_server_requests_total counter"), text.substring(0, Math.min(2000, text.length())));
      assertTrue(text.lines().anyMatch(l -> l.startsWith("vertx_http_server_requests_total") && l.contains("code=\"401\"")), text);
      assertTrue(text.contains("vertx_http_server_response_time_seconds"), "response times are measured");
      assertTrue(text.contains("vertx_pool_") || text.contains("vertx_sql_"), "database pool figures are there too");
      // Routes matched on the way (the /api/v1/* guards, then the operation) are joined by '>': still templates, never ids.
      assertTrue(text.lines().anyMatch(l -> l.startsWith("vertx_http_server_response_time_seconds_bucket") && l.contains("/api/v1/me\"")
          && l.contains("method=\"GET\"") && l.contains("le=\"0.1\"")), "latency histograms by route template and method:\n" + grep(text, "server_response_time"));
      assertTrue(text.lines().anyMatch(l -> l.startsWith("vertx_http_server_requests_total") && l.contains("/api/v1/users/:userId\"")),
          "a path with an id is counted under its template:\n" + grep(text, "server_requests_total"));
      for (String jvm : new String[] {"jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage",
          "process_uptime_seconds", "process_files_open_files"}) {
        assertTrue(text.contains(jvm), jvm + " missing");
      }
      assertTrue(text.lines().noneMatch(l -> l.contains("route=\"/api/v1/users/5")), "raw paths never become labels");
      for (String chat : new String[] {"mooring_chat_messages_committed_total", "mooring_chat_deliveries_total", "mooring_chat_sockets_open",
          "mooring_chat_catchup_replays_total", "mooring_chat_slow_consumer_closes_total", "mooring_chat_delivery_lag_seconds_bucket"}) {
        assertTrue(text.contains(chat), chat + " missing:\n" + grep(text, "mooring_"));
      }
      assertTrue(text.lines().anyMatch(l -> l.startsWith("mooring_chat_messages_committed_total") && !l.endsWith(" 0.0")), grep(text, "committed"));
      assertTrue(!text.contains("counted, never labelled"), "message text never reaches metrics");
      for (String cache : new String[] {"mooring.sessions", "mooring.verified_tokens", "mooring.dashboards"}) {
        assertTrue(text.lines().anyMatch(l -> l.startsWith("cache_size") && l.contains("cache=\"" + cache + "\"")),
            "bounded caches report their size and hits: " + cache + "\n" + grep(text, "cache_"));
      }
    } finally {
      vertx.close().await();
    }
  }

  private static String grep(String text, String part) {
    return String.join("\n", text.lines().filter(l -> l.contains(part)).limit(20).toList());
  }
}
