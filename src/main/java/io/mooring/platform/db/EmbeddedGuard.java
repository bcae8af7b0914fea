package io.mooring.platform.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded PostgreSQL from outliving the Mooring process that started it. {@code pg_ctl}
 * daemonizes the postmaster, so it is nobody's child and survives a {@code kill -9} of the JVM, or a
 * SIGTERM during start-up. Two guards:
 * <ul>
 *   <li>an owner file beside the data directory names the JVM (pid and start time), so the next
 *       start can tell a stale instance (owner gone: stop it and go on) from one really in use
 *       (owner alive: refuse, naming it);</li>
 *   <li>a watchdog process, started before PostgreSQL, waits for the JVM to die and then stops the
 *       postmaster, unless a newer Mooring has taken the directory over in the meantime.</li>
 * </ul>
 */
final class EmbeddedGuard implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedGuard.class);
  private static final long STOP_WAIT_MS = 8_000;
  // $1 JVM pid, $2 owner file, $3 postmaster.pid. SIGINT is PostgreSQL's fast shutdown.
  private static final String WATCHDOG = """
      while kill -0 "$1" 2>/dev/null; do sleep 1; done
      [ "$(cut -d' ' -f1 "$2" 2>/dev/null)" = "$1" ] || exit 0
      [ -f "$3" ] && kill -INT "$(head -n 1 "$3")" 2>/dev/null
      rm -f "$2"
      """;

  private final Path owner;
  private final Process watchdog;

  private EmbeddedGuard(Path owner, Process watchdog) {
    this.owner = owner;
    this.watchdog = watchdog;
  }

  /** Clears a stale instance on {@code dataDir} (or refuses one in use), then claims the directory for this JVM. */
  static EmbeddedGuard claim(Path dataDir) throws IOException {
    Path owner = ownerFile(dataDir);
    stopStale(dataDir, owner);
    ProcessHandle me = ProcessHandle.current();
    Files.writeString(owner, me.pid() + " " + startOf(me).orElse("?") + "\n", StandardCharsets.UTF_8);
    Process watchdog = new ProcessBuilder("sh", "-c", WATCHDOG, "mooring-pg-watchdog", String.valueOf(me.pid()),
        owner.toString(), dataDir.resolve("postmaster.pid").toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    return new EmbeddedGuard(owner, watchdog);
  }

  static Path ownerFile(Path dataDir) {
    return dataDir.resolveSibling(dataDir.getFileName() + ".owner");
  }

  private static void stopStale(Path dataDir, Path owner) throws IOException {
    Optional<ProcessHandle> postmaster = postmaster(dataDir);
    if (postmaster.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> claimant = liveOwner(owner);
    if (claimant.isPresent()) {
      throw new IllegalStateException("The embedded PostgreSQL's data directory " + dataDir + " is in use by another Mooring server"
          + " (process " + claimant.get().pid() + "). Stop that server first, or give this one its own MOORING_DATA_DIR.");
    }
    long pid = postmaster.get().pid();
    log.warn("A PostgreSQL (process {}) was left running on {} by a Mooring server that is gone: stopping it", pid, dataDir);
    System.out.printf("embedded PostgreSQL: stopping process %d, left running on %s by a Mooring server that is gone%n", pid, dataDir);
    signal("INT", pid);
    if (!waitGone(postmaster.get(), STOP_WAIT_MS)) {
      // Immediate shutdown: crash recovery on the next start, still no data lost (WAL).
      signal("QUIT", pid);
      if (!waitGone(postmaster.get(), 2_000)) {
        throw new IllegalStateException("A PostgreSQL (process " + pid + ") left running on " + dataDir + " did not stop; stop it by hand.");
      }
    }
    System.out.printf("embedded PostgreSQL: stopped the stale process %d; starting afresh%n", pid);
  }

  /** The postmaster named in postmaster.pid, if that process is alive. */
  static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    try {
      return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The JVM named in the owner file, if it is still the same live process (same pid and start time). */
  private static Optional<ProcessHandle> liveOwner(Path owner) throws IOException {
    if (!Files.exists(owner)) {
      return Optional.empty();
    }
    String[] parts = Files.readString(owner, StandardCharsets.UTF_8).strip().split(" ");
    try {
      Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(parts[0])).filter(ProcessHandle::isAlive);
      return p.filter(h -> parts.length > 1 && startOf(h).map(parts[1]::equals).orElse(false));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> startOf(ProcessHandle p) {
    return p.info().startInstant().map(i -> String.valueOf(i.toEpochMilli()));
  }

  private static void signal(String signal, long pid) throws IOException {
    try {
      new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean waitGone(ProcessHandle p, long ms) {
    try {
      p.onExit().get(ms, TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception notYet) {
      return !p.isAlive();
    }
  }

  /** After PostgreSQL stopped normally: the watchdog has nothing left to guard. */
  @Override
  public void close() {
    watchdog.destroy();
    try {
      Files.deleteIfExists(owner);
    } catch (IOException e) {
      log.debug("owner file {} not removed: {}", owner, e.getMessage());
    }
  }
}
