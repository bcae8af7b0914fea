package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.junit.jupiter.api.Test;

/** With metrics enabled as Main enables them, /metrics serves Prometheus text including HTTP server metrics. */
class MetricsIT {

  @Test
  void metricsArePrometheusTextWithHttpServerFigures() {
    Vertx vertx = Vertx.vertx(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)).setEnabled(true)));
    try (TestServer server = TestServer.start(vertx)) {
      assertEquals(200, server.client().get("/health/ready").send().await().statusCode());
      assertEquals(401, server.client().get("/api/v1/me").send().await().statusCode());
      var res = server.client().get("/metrics").send().await();
      assertEquals(200, res.statusCode());
      assertTrue(res.getHeader("Content-Type").startsWith("text/plain"), res.getHeader("Content-Type"));
      String text = res.bodyAsString();
      assertTrue(text.contains("# TYPE vertx_http_server_requests_total counter"), text.substring(0, Math.min(2000, text.length())));
      assertTrue(text.lines().anyMatch(l -> l.startsWith("vertx_http_server_requests_total") && l.contains("code=\"401\"")), text);
      assertTrue(text.contains("vertx_http_server_response_time_seconds"), "response times are measured");
      assertTrue(text.contains("vertx_pool_") || text.contains("vertx_sql_"), "database pool figures are there too");
    } finally {
      vertx.close().await();
    }
  }
}
