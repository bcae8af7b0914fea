package io.mooring.support;

import io.mooring.platform.db.DbUrl;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The highly available PostgreSQL of ops/ha (etcd, two Patroni nodes pg1/pg2, HAProxy), started by its
 * own start.sh on free loopback ports in a temporary state directory, for tests that fail it over.
 * Skips the calling test, with the reason printed, where the Debian packages or root are missing.
 */
public final class PatroniCluster implements AutoCloseable {
  static final String NOT_INSTALLED = "Patroni HA setup not runnable: needs root and Debian's patroni, etcd-server, "
      + "etcd-client, haproxy and postgresql-15 (apt-get install -y --no-install-recommends patroni etcd-server etcd-client haproxy)";
  private static final Path OPS = Path.of("ops", "ha");
  private static final String PASSWORD = "mooring-ha-test";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Path state;
  private final Map<String, String> env;
  private final DbUrl url;

  private PatroniCluster(Path state, Map<String, String> env, DbUrl url) {
    this.state = state;
    this.env = env;
    this.url = url;
  }

  public static void assumeAvailable() {
    boolean ok = "root".equals(System.getProperty("user.name"))
        && List.of("/usr/bin/patroni", "/usr/bin/patronictl", "/usr/bin/etcd", "/usr/bin/etcdctl", "/usr/sbin/haproxy",
            "/usr/lib/postgresql/15/bin/postgres", "/usr/bin/curl").stream().allMatch(p -> Files.isExecutable(Path.of(p)));
    if (!ok) {
      System.err.println("[SKIPPED] " + NOT_INSTALLED);
    }
    Assumptions.assumeTrue(ok, NOT_INSTALLED);
  }

  /** Runs ops/ha/start.sh (returns once a primary answers through HAProxy and the database exists). */
  public static PatroniCluster start() throws IOException, InterruptedException {
    assumeAvailable();
    Path state = Files.createTempDirectory("mooring-ha-test");
    Map<String, String> env = new HashMap<>();
    env.put("MOORING_HA_DIR", state.toString());
    env.put("MOORING_HA_PASSWORD", PASSWORD);
    for (String name : List.of("ETCD_PORT", "ETCD_PEER_PORT", "PG1_PORT", "PG2_PORT", "API1_PORT", "API2_PORT", "PORT")) {
      env.put("MOORING_HA_" + name, Integer.toString(freePort()));
    }
    PatroniCluster cluster = new PatroniCluster(state, env, null);
    String out = cluster.run(180, OPS.resolve("start.sh").toString());
    String line = out.lines().filter(l -> l.startsWith("MOORING_DB_URL=")).findFirst()
        .orElseThrow(() -> new IllegalStateException("start.sh printed no MOORING_DB_URL:\n" + out));
    return new PatroniCluster(state, env, DbUrl.parse(line.substring("MOORING_DB_URL=".length()), null, null));
  }

  /** The database through HAProxy: always the current primary. */
  public DbUrl url() {
    return url;
  }

  public List<String> nodes() {
    return List.of("pg1", "pg2");
  }

  /** The node whose Patroni REST API answers 200 on {@code /primary}, or null while there is none. */
  public String primary() {
    return nodes().stream().filter(n -> answers(n, "/primary")).findFirst().orElse(null);
  }

  /** True when Patroni reports this node a running synchronous standby. */
  public boolean isSyncStandby(String node) {
    return answers(node, "/sync");
  }

  public String other(String node) {
    return node.equals("pg1") ? "pg2" : "pg1";
  }

  /** SIGKILL to the node's postmaster (Patroni stays up, sees the crash and fails over). */
  public void killPostmaster(String node) throws IOException {
    long pid = Long.parseLong(Files.readAllLines(state.resolve(node).resolve("postmaster.pid")).get(0).trim());
    ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid)).destroyForcibly();
  }

  /** A planned switchover from the current primary to the other node, as an operator runs it. */
  public void switchover(String from) throws IOException, InterruptedException {
    run(60, "patronictl", "-c", state.resolve(from + ".yml").toString(), "switchover",
        "--leader", from, "--candidate", other(from), "--force");
  }

  public Path state() {
    return state;
  }

  private boolean answers(String node, String path) {
    String port = env.get(node.equals("pg1") ? "MOORING_HA_API1_PORT" : "MOORING_HA_API2_PORT");
    try {
      HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(2)).build();
      return HTTP.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String run(int seconds, String... command) throws IOException, InterruptedException {
    // Output to a file, not a pipe: daemons the script starts could hold a pipe open after it exits.
    Path log = Files.createTempFile("mooring-ha-run", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    if (!done || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    try {
      run(120, OPS.resolve("stop.sh").toString(), "--clean");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
