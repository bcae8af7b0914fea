package io.mooring.platform.server;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/** Liveness, readiness (a writable database answers, promptly) and Prometheus metrics. */
public final class HealthRoutes {
  /**
   * Readiness answers within this bound. Across a failover HAProxy holds a new connection while it
   * retries a dead server, and with no primary a query can wait far longer than a load balancer's
   * check; the node is not ready then, and says so in time.
   */
  public static final long READY_TIMEOUT_MS = 1500;

  private HealthRoutes() {}

  public static void mount(Router router, Pool pool) {
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    // A standby answers queries but refuses every write: a node that reaches only a standby is not ready.
    router.get("/health/ready").handler(ctx -> pool.query("select pg_is_in_recovery()").execute()
        .timeout(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .onSuccess(rows -> {
          if (rows.iterator().next().getBoolean(0)) {
            notReady(ctx);
          } else {
            ctx.json(new JsonObject().put("status", "UP").put("database", "UP"));
          }
        })
        .onFailure(err -> notReady(ctx)));
    if (BackendRegistries.getDefaultNow() != null) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create());
    } else {
      router.get("/metrics").handler(ctx -> ctx.response().setStatusCode(503).end("metrics are not enabled"));
    }
  }

  private static void notReady(RoutingContext ctx) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", "DOWN").put("database", "DOWN").encode());
    }
  }
}
