package io.mooring.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: real PostgreSQL binaries from a Maven artifact, data kept in a folder
 * across restarts. PostgreSQL refuses to run as root; zonky then starts it inside an unprivileged
 * user namespace (unshare -U). Where the kernel forbids that we stop with a message saying how on.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
  public static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres pg;
  /** Only a kept data directory has one: a throwaway test database dies with the JVM's shutdown hook. */
  private final EmbeddedGuard guard;

  private EmbeddedDatabase(EmbeddedPostgres pg, EmbeddedGuard guard) {
    this.pg = pg;
    this.guard = guard;
  }

  /**
   * Starts (or restarts on existing data) a PostgreSQL whose data lives in {@code dataDir}. A throwaway one
   * ({@code persistent=false}, tests) runs without fsync and stops with the JVM, but leaves its directory for the
   * caller to remove: deleting dozens of test databases in a shutdown hook outlasted Surefire's 30 s exit wait.
   */
  public static EmbeddedDatabase start(Path dataDir, boolean persistent) {
    EmbeddedGuard guard = persistent ? claim(dataDir) : null;
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(!persistent)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("max_connections", "300")
          .setServerConfig("fsync", persistent ? "on" : "off")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("shared_buffers", "128MB")
          .start();
      return new EmbeddedDatabase(pg, guard);
    } catch (IOException | RuntimeException e) {
      if (guard != null) {
        guard.close();
      }
      throw new IllegalStateException(explain(dataDir, e), e);
    }
  }

  /** Stops a PostgreSQL left running on the directory by a Mooring that is gone, or refuses one in use. */
  private static EmbeddedGuard claim(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      return EmbeddedGuard.claim(dataDir);
    } catch (IOException e) {
      throw new IllegalStateException("The embedded PostgreSQL's data directory " + dataDir + " is not usable: " + e.getMessage(), e);
    }
  }

  private static String explain(Path dataDir, Exception e) {
    String cause = e.getMessage() == null ? e.toString() : e.getMessage();
    if (cause.contains("lock")) {
      return "The embedded PostgreSQL could not start: its data directory " + dataDir
          + " is in use by another Mooring server (or a PostgreSQL left running). Stop it first.";
    }
    if (isRoot()) {
      return """
          The embedded PostgreSQL could not start while running as root (%s).
          PostgreSQL refuses to run as root; Mooring runs it in an unprivileged user namespace (unshare -U).
          If this kernel forbids that, allow it (sysctl -w kernel.unprivileged_userns_clone=1 or
          user.max_user_namespaces=15000), run Mooring as an ordinary user, or set MOORING_DB_URL to a PostgreSQL server."""
          .formatted(cause);
    }
    return "The embedded PostgreSQL could not start: " + cause;
  }

  public int port() {
    return pg.getPort();
  }

  /** Creates the database if it does not exist yet (PostgreSQL has no CREATE DATABASE IF NOT EXISTS). */
  public void ensureDatabase(String name) {
    try (Connection c = DriverManager.getConnection(pg.getJdbcUrl(SUPERUSER, "postgres"), SUPERUSER, "");
         var check = c.prepareStatement("select 1 from pg_database where datname = ?")) {
      check.setString(1, name);
      if (!check.executeQuery().next()) {
        try (var create = c.createStatement()) {
          create.execute("create database \"" + name.replace("\"", "") + "\"");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
    }
  }

  public String url(String database) {
    return "postgresql://" + SUPERUSER + "@localhost:" + port() + "/" + database;
  }

  @Override
  public void close() {
    try {
      pg.close();
      log.info("embedded PostgreSQL stopped");
      if (guard != null) {
        guard.close();
      }
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
