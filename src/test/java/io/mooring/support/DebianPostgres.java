package io.mooring.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway cluster of Debian's PostgreSQL 15, run as the {@code postgres} user in a temporary
 * directory on a free loopback port, for tests that need a server configured as operators configure
 * theirs (TLS, say). Where the package or the user is missing the calling test is skipped, with the
 * reason printed.
 */
public final class DebianPostgres implements AutoCloseable {
  static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  static final String NOT_INSTALLED = "Debian PostgreSQL 15 not installed (apt-get install postgresql-15), or not running as root";

  private final Path dir;
  private final int port;

  private DebianPostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Skips the calling test where Debian's PostgreSQL 15 cannot be run from here. */
  public static void assumeAvailable() {
    boolean ok = Files.isExecutable(BIN.resolve("initdb")) && "root".equals(System.getProperty("user.name"))
        && run(List.of("id", "postgres")) == 0;
    if (!ok) {
      System.err.println("[SKIPPED] " + NOT_INSTALLED);
    }
    Assumptions.assumeTrue(ok, NOT_INSTALLED);
  }

  /**
   * initdb (trust authentication for the {@code postgres} user), then start with the given
   * {@code postgresql.conf} lines and {@code pg_hba.conf} lines; files named in them must be readable by postgres.
   */
  public static DebianPostgres start(List<String> conf, List<String> hba) throws IOException {
    assumeAvailable();
    Path dir = Files.createTempDirectory("mooring-pg15");
    Path data = dir.resolve("data");
    check(run(List.of("chown", "postgres:postgres", dir.toString())), "chown");
    check(asPostgres(BIN.resolve("initdb") + " -A trust -U postgres -E UTF8 --locale=C.UTF-8 -D " + data + " >/dev/null"), "initdb");
    int port = freePort();
    List<String> all = new ArrayList<>(List.of("listen_addresses = '127.0.0.1'", "port = " + port,
        "unix_socket_directories = '" + dir + "'", "fsync = off"));
    all.addAll(conf);
    Files.write(data.resolve("postgresql.auto.conf"), all);
    Files.write(data.resolve("pg_hba.conf"), hba);
    check(asPostgres(BIN.resolve("pg_ctl") + " -D " + data + " -l " + dir.resolve("log") + " -w -t 30 start >/dev/null"),
        "pg_ctl start (see " + dir.resolve("log") + ")");
    return new DebianPostgres(dir, port);
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  /** Makes a file readable only by the postgres user, as PostgreSQL requires of a private key. */
  public static void ownedByPostgres(Path file) {
    check(run(List.of("chown", "postgres:postgres", file.toString())), "chown");
    check(run(List.of("chmod", "600", file.toString())), "chmod");
  }

  private static int asPostgres(String command) {
    return run(List.of("su", "postgres", "-s", "/bin/sh", "-c", command));
  }

  private static int run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void check(int exit, String what) {
    if (exit != 0) {
      throw new IllegalStateException(what + " failed with exit " + exit);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    asPostgres(BIN.resolve("pg_ctl") + " -D " + dir.resolve("data") + " -m immediate -w stop >/dev/null");
  }
}
