package io.mooring;

import io.mooring.demo.DemoData;
import io.mooring.disclosure.ContentKeyRotation;
import io.mooring.platform.auth.Keys;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.config.EdgeLimits;
import io.mooring.platform.db.Database;
import io.mooring.platform.http.ApiContract;
import io.mooring.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Command line: serve [--demo] | migrate | demo | create-admin | --help. */
public final class Main {
  private static final String HELP = """
      Mooring — supervision and staff support for peer specialists.

      Usage: java -jar target/mooring.jar [command] [options]

        serve [--demo]   start the server (default). --demo loads the demo organization into an empty database.
        migrate          apply database migrations and exit.
        demo             load the demo organization (into an empty database) and exit.
        create-admin --org NAME --email EMAIL --name NAME [--time-zone ZONE]
                         create an organization and its first administrator; the password is read
                         from MOORING_ADMIN_PASSWORD (at least 12 characters).
        keys             print a fresh ES256 key pair and content key as env-file lines (for several
                         nodes sharing one database: give every node the same three values).
        rotate-content-key
                         re-seal all encrypted content with MOORING_CONTENT_KEY, reading it with that key or
                         MOORING_CONTENT_PREVIOUS_KEYS; safe while servers run (OPERATIONS.md, "Rotating keys").
        --help           this text.

      Configuration (environment): MOORING_PORT (8080), MOORING_HOST, MOORING_DATA_DIR (./data),
      MOORING_DB_URL (empty = embedded PostgreSQL in the data dir), MOORING_DB_USER, MOORING_DB_PASSWORD,
      MOORING_DB_POOL_SIZE, MOORING_JWT_PRIVATE_KEY / MOORING_JWT_PUBLIC_KEY (PEM, ES256),
      MOORING_CONTENT_KEY (base64, 32 bytes), MOORING_JWT_PREVIOUS_PUBLIC_KEYS and MOORING_CONTENT_PREVIOUS_KEYS
      (during a key rotation), MOORING_TOKEN_TTL_MINUTES, MOORING_SECURE_COOKIES,
      MOORING_EVENT_LOOPS, MOORING_PUBLIC_URL, MOORING_TRUST_PROXY (true behind a reverse proxy that sets
      X-Forwarded-For), MOORING_SMTP_URL (smtp://user:password@host:587?from=ADDRESS; unset = no e-mail).
      """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    // Initialise logging before start-up goes multi-threaded (SLF4J otherwise replays early calls noisily).
    org.slf4j.LoggerFactory.getLogger(Main.class);
    List<String> a = Arrays.asList(args);
    String command = a.isEmpty() || a.get(0).startsWith("--") ? "serve" : a.get(0);
    if (a.contains("--help") || a.contains("-h") || command.equals("help")) {
      System.out.println(HELP);
      return;
    }
    try {
      run(command, a, AppConfig.fromEnv(System.getenv()));
    } catch (AppConfig.ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
    } catch (IllegalStateException e) {
      // e.g. the embedded PostgreSQL cannot start here, or the external one is unreachable: its message says what to do.
      System.err.println("Mooring could not start: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(String command, List<String> a, AppConfig config) throws Exception {
    switch (command) {
      case "keys" -> printKeys();
      case "serve" -> serve(config, a.contains("--demo"));
      case "migrate" -> withDatabase(config, (vertx, pool, keys, db) -> Future.succeededFuture());
      case "demo" -> withDatabase(config, (vertx, pool, keys, db) -> loadDemo(vertx, config, pool, keys));
      case "rotate-content-key" -> withDatabase(config, (vertx, pool, keys, db) -> new ContentKeyRotation(pool, keys, 200).run()
          .map(r -> {
            System.out.printf("content key rotation: %d re-sealed, %d already on the current key, %d changed meanwhile%n",
                r.resealed(), r.alreadyCurrent(), r.left());
            return r;
          }));
      case "create-admin" -> withDatabase(config, (vertx, pool, keys, db) -> createAdmin(vertx, config, pool, keys, a));
      default -> {
        System.err.println("Unknown command '" + command + "'.\n\n" + HELP);
        System.exit(2);
      }
    }
  }

  private static void serve(AppConfig config, boolean demo) throws Exception {
    long t0 = System.nanoTime();
    printConfig(config);
    // The database (embedded start, migrations) comes up while this thread readies the JVM side.
    CompletableFuture<Database> database = CompletableFuture.supplyAsync(() -> openAndMigrate(config));
    Vertx vertx = null;
    Pool pool = null;
    Database db = null;
    Mooring server;
    try {
      Keys keys = Keys.load(config);
      vertx = Metrics.vertx(new VertxOptions());
      Future<ApiContract> contract = ApiContract.load(vertx);
      db = join(database);
      pool = Database.pool(vertx, db.url(), config.dbPoolSize());
      Vertx v = vertx;
      Pool p = pool;
      // Services need the real database address: the chat fan-out LISTENs on its own connection. A configured URL
      // stays as written (its sslmode included); the embedded one is known only now.
      AppConfig running = !config.embeddedDb() ? config : config.withDb("postgresql://" + db.url().host() + ":" + db.url().port() + "/" + db.url().database(),
          db.url().user(), db.url().password());
      Future<Void> seeded = demo ? loadDemo(v, running, p, keys) : Future.succeededFuture();
      server = await(seeded.compose(x -> Mooring.start(v, running, p, keys, contract)));
    } catch (Exception e) {
      // Vert.x threads and the embedded PostgreSQL would outlive a half-started server: close them, say why.
      System.err.println("Mooring could not start: " + e.getMessage());
      if (pool != null) {
        pool.close();
      }
      if (vertx != null) {
        vertx.close();
      }
      closeWhenOpen(database);
      System.exit(e instanceof AppConfig.ConfigException ? 2 : 1);
      return;
    }
    String url = config.publicUrl().isBlank() ? "http://localhost:" + server.port() + "/" : config.publicUrl();
    System.out.printf("Mooring is ready in %d ms: open %s%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), url);
    if (demo) {
      System.out.println("Demo accounts (password " + DemoData.PASSWORD + "): admin@demo.mooring.test, "
          + "rivera@demo.mooring.test (peer supervisor), okafor@demo.mooring.test (clinical supervisor), "
          + "sam@demo.mooring.test (peer) — README lists them all.");
    }
    awaitShutdown(server, vertx, pool, db);
  }

  private static Database openAndMigrate(AppConfig config) {
    Database db = Database.open(config);
    try {
      int applied = db.migrate();
      System.out.printf("database: %s (%d migrations applied)%n", db.isEmbedded() ? "embedded PostgreSQL" : "external", applied);
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static Database join(CompletableFuture<Database> database) throws Exception {
    try {
      return database.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static void closeWhenOpen(CompletableFuture<Database> database) {
    try {
      database.join().close();
    } catch (CompletionException alreadyFailed) {
      // nothing was left open
    }
  }

  /** SIGTERM/SIGINT: stop accepting, finish in-flight requests, close sockets, the pool and the database. */
  private static void awaitShutdown(Mooring server, Vertx vertx, Pool pool, Database db) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("Mooring is stopping: finishing requests, closing sockets and the database…");
      step("HTTP servers drained", server.stop());
      step("database pool closed", pool.close());
      step("Vert.x closed", vertx.close());
      db.close();
      stopped.countDown();
    }, "mooring-shutdown"));
    stopped.await();
  }

  /** One shutdown step, bounded so a stuck step cannot keep the embedded database running. */
  private static void step(String what, Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      System.out.println("  " + what);
    } catch (Exception e) {
      System.err.println("  " + what + ": failed (" + e + ")");
    }
  }

  interface DbTask {
    Future<?> run(Vertx vertx, Pool pool, Keys keys, Database db);
  }

  private static void withDatabase(AppConfig config, DbTask task) {
    printConfig(config);
    int status = 0;
    try (Database db = Database.open(config)) {
      System.out.printf("migrations applied: %d%n", db.migrate());
      Vertx vertx = Vertx.vertx();
      Pool pool = Database.pool(vertx, db.url(), 4);
      try {
        await(task.run(vertx, pool, Keys.load(config), db));
      } catch (Exception e) {
        System.err.println("Failed: " + e.getMessage());
        status = 1;
      } finally {
        pool.close();
        vertx.close();
      }
    }
    System.exit(status);
  }

  private static Future<Void> loadDemo(Vertx vertx, AppConfig config, Pool pool, Keys keys) {
    Services services = Services.create(vertx, config, pool, keys);
    return DemoData.loadIfEmpty(services).map(loaded -> {
      System.out.println(loaded ? "demo organization loaded" : "database already has data: demo not loaded");
      return null;
    });
  }

  private static Future<Void> createAdmin(Vertx vertx, AppConfig config, Pool pool, Keys keys, List<String> a) {
    String org = option(a, "--org");
    String email = option(a, "--email");
    String name = option(a, "--name");
    String zone = a.contains("--time-zone") ? option(a, "--time-zone") : "America/New_York";
    String password = System.getenv("MOORING_ADMIN_PASSWORD");
    if (password == null || password.length() < 12) {
      return Future.failedFuture("set MOORING_ADMIN_PASSWORD to the administrator's password (at least 12 characters)");
    }
    Services services = Services.create(vertx, config, pool, keys);
    return services.people().bootstrap(org, zone, email, name, password)
        .map(p -> {
          System.out.printf("created organization '%s' with administrator %s%n", org, p.email());
          return null;
        });
  }

  private static String option(List<String> a, String name) {
    int i = a.indexOf(name);
    if (i < 0 || i + 1 >= a.size()) {
      System.err.println("create-admin needs " + name + " VALUE");
      System.exit(2);
    }
    return a.get(i + 1);
  }

  /** Single-quoted one-line values: literal in compose .env files and systemd EnvironmentFile alike. */
  private static void printKeys() {
    Keys k = Keys.generate();
    System.out.println("MOORING_JWT_PRIVATE_KEY='" + k.jwtPrivatePem().strip().replace("\n", "\\n") + "'");
    System.out.println("MOORING_JWT_PUBLIC_KEY='" + k.jwtPublicPem().strip().replace("\n", "\\n") + "'");
    System.out.println("MOORING_CONTENT_KEY='" + java.util.Base64.getEncoder().encodeToString(k.contentKey()) + "'");
  }

  private static void printConfig(AppConfig config) {
    System.out.println("Mooring configuration:");
    config.describe().forEach((k, v) -> System.out.printf("  %-26s %s%n", k, v));
    System.out.printf("  %-26s %s%n", "HTTP edge", EdgeLimits.fromEnv(System.getenv()));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS);
  }
}
