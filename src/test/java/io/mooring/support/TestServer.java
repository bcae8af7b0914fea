package io.mooring.support;

import io.mooring.Mooring;
import io.mooring.Services;
import io.mooring.platform.auth.Keys;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.config.EdgeLimits;
import io.mooring.platform.db.Database;
import io.mooring.platform.db.DbUrl;
import io.mooring.platform.http.ApiContract;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The real server, on a free port, over a fresh database — deployed exactly as Main does it. */
public final class TestServer implements AutoCloseable {
  private static final Keys KEYS = Keys.generate();

  private final Vertx vertx;
  private final Mooring server;
  private final Pool pool;
  private final DbUrl db;
  private final WebClient client;
  private final Fixtures fixtures;

  private TestServer(Vertx vertx, Mooring server, Pool pool, DbUrl db) {
    this.vertx = vertx;
    this.server = server;
    this.pool = pool;
    this.db = db;
    // Every /api/v1 response a test receives through this client is checked against the OpenAPI document.
    this.client = ContractHook.install(WebClient.create(vertx, new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(server.port()).setFollowRedirects(false)));
    this.fixtures = new Fixtures(pool, server.services());
  }

  public static TestServer start(Vertx vertx) {
    return start(vertx, TestDb.freshDatabase(), Map.of());
  }

  /** A server on an existing database (a second node, say), with extra environment settings. */
  public static TestServer start(Vertx vertx, DbUrl db, Map<String, String> env) {
    return start(vertx, db, env, KEYS);
  }

  /** A node holding other keys than the rest (a key rotation, say). */
  public static TestServer start(Vertx vertx, DbUrl db, Map<String, String> env, Keys keys) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("MOORING_PORT", "0");
    all.putIfAbsent("MOORING_EVENT_LOOPS", "2");
    all.putIfAbsent("MOORING_DATA_DIR", Path.of("target", "test-data").toString());
    AppConfig config = AppConfig.fromEnv(all).withDb("postgresql://" + db.host() + ":" + db.port() + "/" + db.database(), db.user(), db.password());
    Pool pool = Database.pool(vertx, db, 8);
    Mooring server = Mooring.start(vertx, config, pool, keys, ApiContract.load(vertx), EdgeLimits.fromEnv(all)).await();
    return new TestServer(vertx, server, pool, db);
  }

  public int port() {
    return server.port();
  }

  public String baseUrl() {
    return "http://localhost:" + port();
  }

  public Pool pool() {
    return pool;
  }

  public DbUrl db() {
    return db;
  }

  public Services services() {
    return server.services();
  }

  public Vertx vertx() {
    return vertx;
  }

  public WebClient client() {
    return client;
  }

  public Fixtures fixtures() {
    return fixtures;
  }

  /** An API client signed in as this person (Bearer token). */
  public Api as(Fixtures.Person p) {
    return new Api(client, fixtures.tokenFor(p));
  }

  /** An API client with no credentials. */
  public Api anonymous() {
    return new Api(client, null);
  }

  @Override
  public void close() {
    server.stop().await();
    client.close();
    pool.close().await();
  }
}
