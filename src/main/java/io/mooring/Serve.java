package io.mooring;

import io.mooring.demo.DemoData;
import io.mooring.platform.auth.Keys;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.db.Database;
import io.mooring.platform.http.ApiContract;
import io.mooring.platform.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The {@code serve} command: start-up (database and JVM side in parallel), the ready line, and an orderly shutdown. */
final class Serve {
  private Serve() {}

  static void run(AppConfig config, boolean demo) throws Exception {
    long t0 = System.nanoTime();
    Main.printConfig(config);
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
      Future<Void> seeded = demo ? DbCommands.loadDemo(v, running, p, keys) : Future.succeededFuture();
      server = Main.await(seeded.compose(x -> Mooring.start(v, running, p, keys, contract)));
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
}
