package io.mooring.support;

import io.mooring.platform.db.DbUrl;
import io.mooring.platform.db.EmbeddedDatabase;
import io.mooring.platform.db.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL per test run (embedded, or MOORING_TEST_DB_URL), migrated once into a template
 * database; every test class gets a fresh copy of the template, which takes milliseconds.
 */
public final class TestDb {
  private static final String TEMPLATE = "mooring_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static DbUrl admin;

  private TestDb() {}

  /** A new, migrated, empty database for one test class. */
  public static synchronized DbUrl freshDatabase() {
    if (admin == null) {
      admin = startServer();
      createTemplate();
    }
    String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    exec("create database " + name + " template " + TEMPLATE);
    return admin.withDatabase(name);
  }

  /** The server's superuser address (for tests that need a second database or pg_terminate_backend). */
  public static synchronized DbUrl server() {
    if (admin == null) {
      freshDatabase();
    }
    return admin;
  }

  private static DbUrl startServer() {
    String external = System.getenv("MOORING_TEST_DB_URL");
    if (external != null && !external.isBlank()) {
      return DbUrl.parse(external, null, null).withDatabase("postgres");
    }
    try {
      // Under target/ (mvn clean removes it); directories of earlier runs are removed in the background here,
      // not at exit, where deleting them outlasted Surefire's 30 s wait for the fork to end.
      Path parent = Files.createDirectories(Path.of("target", "test-pg"));
      Path dir = Files.createTempDirectory(parent, "run-");
      removeEarlierRuns(parent, dir);
      EmbeddedDatabase pg = EmbeddedDatabase.start(dir, false);
      Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
      return DbUrl.parse(pg.url("postgres"), null, null);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void removeEarlierRuns(Path parent, Path mine) throws java.io.IOException {
    List<Path> old;
    try (var entries = Files.list(parent)) {
      old = entries.filter(p -> !p.equals(mine) && !running(p)).toList();
    }
    Thread cleaner = new Thread(() -> old.forEach(TestDb::deleteTree), "test-pg-cleaner");
    cleaner.setDaemon(true);
    cleaner.start();
  }

  /** A directory whose PostgreSQL still runs belongs to another test run in this checkout: leave it. */
  private static boolean running(Path dir) {
    try {
      List<String> pid = Files.readAllLines(dir.resolve("postmaster.pid"));
      return !pid.isEmpty() && ProcessHandle.of(Long.parseLong(pid.get(0).strip())).map(ProcessHandle::isAlive).orElse(false);
    } catch (java.io.IOException | NumberFormatException notRunning) {
      return false;
    }
  }

  private static void deleteTree(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      // a later run tries again
    }
  }

  private static void createTemplate() {
    exec("drop database if exists " + TEMPLATE);
    exec("create database " + TEMPLATE);
    Migrations.migrate(admin.withDatabase(TEMPLATE));
  }

  private static void exec(String sql) {
    try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
         var st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
