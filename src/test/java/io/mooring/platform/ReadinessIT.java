package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.db.Database;
import io.mooring.platform.db.DbUrl;
import io.mooring.platform.server.HealthRoutes;
import io.mooring.support.TestDb;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * /health/ready answers promptly: 503 when the database does not answer within the readiness bound
 * (HAProxy holding a connection while no Patroni node is primary, say), not after the load balancer
 * has given up on the node's check; 200 against a working primary.
 */
class ReadinessIT {
  static Vertx vertx;
  static WebClient client;
  static long lastMillis;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** A TCP endpoint that accepts connections and never says anything, as a proxy with no server behind it may. */
  @Test
  void aDatabaseThatDoesNotAnswerMakesTheNodeNotReadyWithinTheBound() {
    NetServer silent = vertx.createNetServer().connectHandler(socket -> { }).listen(0, "127.0.0.1").await();
    Pool pool = Database.pool(vertx, new DbUrl("127.0.0.1", silent.actualPort(), "mooring", "mooring", "secret"), 2);
    HttpResponse<?> r = ready(pool);
    assertEquals(503, r.statusCode());
    assertEquals("DOWN", r.bodyAsJsonObject().getString("database"));
    // The bound plus slack for a machine shared with other work; before the bound it waited past 30 s.
    assertTrue(lastMillis < HealthRoutes.READY_TIMEOUT_MS + 8000, "answered in " + lastMillis + " ms");
    pool.close().await();
    silent.close().await();
  }

  @Test
  void aWritablePrimaryMakesTheNodeReady() {
    Pool pool = Database.pool(vertx, TestDb.freshDatabase(), 2);
    assertEquals(200, ready(pool).statusCode());
    pool.close().await();
  }

  private static HttpResponse<?> ready(Pool pool) {
    Router router = Router.router(vertx);
    HealthRoutes.mount(router, pool);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    long started = System.nanoTime();
    try {
      return client.get(server.actualPort(), "127.0.0.1", "/health/ready").timeout(30_000).send().await();
    } finally {
      lastMillis = (System.nanoTime() - started) / 1_000_000;
      server.close().await();
    }
  }

}
