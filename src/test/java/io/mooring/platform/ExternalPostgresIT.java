package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.Mooring;
import io.mooring.platform.auth.Keys;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.db.Database;
import io.mooring.platform.db.DbUrl;
import io.mooring.support.ContractHook;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The external-database path, against a real PostgreSQL named by MOORING_EXTERNAL_DB_URL (.ci/run
 * points it at Debian's PostgreSQL 15): migrations through the real Database and Migrations, then
 * the real server on MOORING_DB_URL, and a person signing in. Skipped, with the reason, without it.
 */
class ExternalPostgresIT {
  static final String VARIABLE = "MOORING_EXTERNAL_DB_URL";

  @Test
  void migratesStartsAndSignsInOnAnExternalPostgres() {
    String url = System.getenv(VARIABLE);
    boolean configured = url != null && !url.isBlank();
    String reason = VARIABLE + " is not set: set it to postgresql://user:password@host:5432/db to test an external PostgreSQL (.ci/run does)";
    if (!configured) {
      // Surefire keeps an assumption's reason in its XML report; say it on the console too.
      System.err.println("[SKIPPED] ExternalPostgresIT: " + reason);
    }
    Assumptions.assumeTrue(configured, reason);
    AppConfig config = AppConfig.fromEnv(Map.of(
        "MOORING_DB_URL", url,
        "MOORING_PORT", "0",
        "MOORING_EVENT_LOOPS", "2",
        "MOORING_DATA_DIR", Path.of("target", "test-data", "external").toString()));
    assertFalse(config.embeddedDb());
    String password = DbUrl.parse(url, null, null).password();
    if (!password.isEmpty()) {
      assertFalse(config.describe().toString().contains(password), "start-up does not print the database password");
    }

    try (Database db = Database.open(config)) {
      assertFalse(db.isEmbedded());
      db.migrate();
      assertEquals(0, db.migrate(), "a second run finds nothing to apply");

      Vertx vertx = Vertx.vertx();
      Pool pool = Database.pool(vertx, db.url(), 4);
      try {
        Mooring server = Mooring.start(vertx, config, pool, Keys.generate()).await();
        String email = "external-" + UUID.randomUUID() + "@example.test";
        String secret = "external-db-password";
        server.services().people().bootstrap("External " + UUID.randomUUID(), "Europe/Berlin", email, "Ext Admin", secret).await();

        WebClient client = ContractHook.install(WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(server.port())));
        assertEquals(200, client.get("/health/ready").send().await().statusCode());
        var login = client.post("/api/v1/auth/login").sendJsonObject(new JsonObject().put("email", email).put("password", secret)).await();
        assertEquals(200, login.statusCode(), login.bodyAsString());
        String token = login.bodyAsJsonObject().getString("token");
        var me = client.get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send().await();
        assertEquals(200, me.statusCode(), me.bodyAsString());
        assertEquals("Ext Admin", me.bodyAsJsonObject().getString("displayName"));
        assertTrue(me.bodyAsJsonObject().getJsonArray("roles").contains("admin"));
        client.close();
        server.stop().await();
      } finally {
        pool.close().await();
        vertx.close().await();
      }
    }
  }
}
