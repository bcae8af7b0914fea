package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL never outlives the server, however it stops: SIGTERM during start-up, kill -9 after
 * ready, or a kill that took its watchdog too. Each case then starts afresh on the same data directory.
 */
class EmbeddedLifecycleIT {
  private Path dataDir;
  private final List<Node> started = new ArrayList<>();

  /** One `serve` JVM, as `java -jar mooring.jar serve` runs, with its output collected. */
  record Node(Process process, List<String> out) {
    boolean waitFor(String text, long ms) throws InterruptedException {
      long until = System.currentTimeMillis() + ms;
      while (System.currentTimeMillis() < until) {
        if (out.stream().anyMatch(l -> l.contains(text))) {
          return true;
        }
        if (!process.isAlive() && out.stream().noneMatch(l -> l.contains(text))) {
          Thread.sleep(200);
          return out.stream().anyMatch(l -> l.contains(text));
        }
        Thread.sleep(50);
      }
      return false;
    }
  }

  @BeforeEach
  void dir() throws IOException {
    dataDir = Files.createTempDirectory("mooring-lifecycle");
  }

  @AfterEach
  void stopAll() throws Exception {
    for (Node n : started) {
      n.process().destroy();
      n.process().waitFor(30, TimeUnit.SECONDS);
    }
    postmaster().ifPresent(ProcessHandle::destroyForcibly);
  }

  Node serve() throws IOException {
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), "io.mooring.Main", "serve");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("MOORING_"));
    pb.environment().put("MOORING_DATA_DIR", dataDir.toString());
    pb.environment().put("MOORING_PORT", "0");
    pb.environment().put("MOORING_HOST", "127.0.0.1");
    Process p = pb.start();
    List<String> out = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        r.lines().forEach(out::add);
      } catch (IOException | java.io.UncheckedIOException closed) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    Node n = new Node(p, out);
    started.add(n);
    return n;
  }

  Optional<ProcessHandle> postmaster() throws IOException {
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    return lines.isEmpty() || lines.get(0).isBlank() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
  }

  boolean postgresGoneWithin(long ms) throws Exception {
    long until = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < until) {
      if (postmaster().isEmpty()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /**
   * Before the guard, this start waited 60 s for PostgreSQL and then failed. Ready takes a few seconds on a quiet
   * machine (ops/bench/coldstart.sh measures it); the bound here leaves room for a loaded CI box.
   */
  void freshStartIsReadyWithin45s() throws Exception {
    Node again = serve();
    assertTrue(again.waitFor("Mooring is ready", 45_000), "a fresh start on the same directory is ready:\n" + String.join("\n", again.out()));
  }

  @Test
  void sigtermDuringStartUpLeavesNoPostgresBehind() throws Exception {
    Node first = serve();
    long until = System.currentTimeMillis() + 60_000;
    while (postmaster().isEmpty() && System.currentTimeMillis() < until) {
      Thread.sleep(20);
    }
    assertTrue(postmaster().isPresent(), "PostgreSQL started");
    first.process().destroy();
    assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
    assertTrue(postgresGoneWithin(10_000), "PostgreSQL stops with the server that was still starting");
    freshStartIsReadyWithin45s();
  }

  @Test
  void killMinus9AfterReadyLeavesNoPostgresBehind() throws Exception {
    Node first = serve();
    assertTrue(first.waitFor("Mooring is ready", 60_000), String.join("\n", first.out()));
    first.process().destroyForcibly();
    assertTrue(first.process().waitFor(10, TimeUnit.SECONDS));
    assertTrue(postgresGoneWithin(10_000), "the watchdog stops PostgreSQL once the JVM is gone");
    freshStartIsReadyWithin45s();
  }

  @Test
  void aStaleInstanceWhoseOwnerIsGoneIsStoppedAndTheStartGoesOn() throws Exception {
    Node first = serve();
    assertTrue(first.waitFor("Mooring is ready", 60_000), String.join("\n", first.out()));
    // As if the whole process group had been killed: the watchdog first, then the JVM.
    first.process().toHandle().children().forEach(ProcessHandle::destroyForcibly);
    first.process().destroyForcibly();
    assertTrue(first.process().waitFor(10, TimeUnit.SECONDS));
    Thread.sleep(1500);
    assertTrue(postmaster().isPresent(), "with its watchdog gone too, PostgreSQL is left running");
    Node again = serve();
    assertTrue(again.waitFor("Mooring is ready", 45_000), String.join("\n", again.out()));
    assertTrue(again.out().stream().anyMatch(l -> l.contains("left running") && l.contains("gone")),
        "the start says what it did:\n" + String.join("\n", again.out()));
  }

  @Test
  void aDirectoryReallyInUseIsRefusedClearlyAndQuickly() throws Exception {
    Node first = serve();
    assertTrue(first.waitFor("Mooring is ready", 60_000), String.join("\n", first.out()));
    Node second = serve();
    assertTrue(second.process().waitFor(20, TimeUnit.SECONDS), "refused at once, not after a 60 s wait");
    assertEquals(1, second.process().exitValue());
    assertTrue(second.waitFor("in use by another Mooring server", 1000), String.join("\n", second.out()));
    assertTrue(postmaster().isPresent(), "the first server's PostgreSQL is untouched");
  }
}
