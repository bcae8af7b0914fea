package io.mooring.support;

import io.mooring.platform.db.DbUrl;
import io.mooring.platform.db.EmbeddedDatabase;
import io.mooring.platform.db.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
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
      Path dir = Files.createTempDirectory("mooring-test-pg");
      EmbeddedDatabase pg = EmbeddedDatabase.start(dir, false);
      Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
      return DbUrl.parse(pg.url("postgres"), null, null);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
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
