package io.mooring.platform.server;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.backends.BackendRegistries;
import io.vertx.sqlclient.Pool;

/** Liveness, readiness (the database answers) and Prometheus metrics. */
public final class HealthRoutes {
  private HealthRoutes() {}

  public static void mount(Router router, Pool pool) {
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> pool.query("select 1").execute()
        .onSuccess(rows -> ctx.json(new JsonObject().put("status", "UP").put("database", "UP")))
        .onFailure(err -> ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("status", "DOWN").put("database", "DOWN").encode())));
    if (BackendRegistries.getDefaultNow() != null) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create());
    } else {
      router.get("/metrics").handler(ctx -> ctx.response().setStatusCode(503).end("metrics are not enabled"));
    }
  }
}
