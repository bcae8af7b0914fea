package io.mooring;

import io.mooring.demo.DemoData;
import io.mooring.disclosure.ContentKeyRotation;
import io.mooring.platform.auth.Keys;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.db.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;

/** The commands that open the database, do one job and exit: migrate, demo, create-admin, rotate-content-key. */
final class DbCommands {
  private DbCommands() {}

  interface DbTask {
    Future<?> run(Vertx vertx, Pool pool, Keys keys, Database db);
  }

  static void withDatabase(AppConfig config, DbTask task) {
    Main.printConfig(config);
    int status = 0;
    try (Database db = Database.open(config)) {
      System.out.printf("migrations applied: %d%n", db.migrate());
      Vertx vertx = Vertx.vertx();
      Pool pool = Database.pool(vertx, db.url(), 4);
      try {
        Main.await(task.run(vertx, pool, Keys.load(config), db));
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

  static Future<Void> rotateContentKey(Pool pool, Keys keys) {
    return new ContentKeyRotation(pool, keys, 200).run().map(r -> {
      System.out.printf("content key rotation: %d re-sealed, %d already on the current key, %d changed meanwhile%n",
          r.resealed(), r.alreadyCurrent(), r.left());
      return null;
    });
  }

  static Future<Void> loadDemo(Vertx vertx, AppConfig config, Pool pool, Keys keys) {
    Services services = Services.create(vertx, config, pool, keys);
    return DemoData.loadIfEmpty(services).map(loaded -> {
      System.out.println(loaded ? "demo organization loaded" : "database already has data: demo not loaded");
      return null;
    });
  }

  static Future<Void> createAdmin(Vertx vertx, AppConfig config, Pool pool, Keys keys, List<String> a) {
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
}
