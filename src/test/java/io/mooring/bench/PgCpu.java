package io.mooring.bench;

import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU of PostgreSQL's processes by role, from /proc (utime + stime of each child of the postmaster) and
 * pg_stat_activity (which connection is which: the chat pool, the main pool, the LISTEN connection, the
 * WAL writer...), so a benchmark can say where the database's CPU per message goes.
 */
final class PgCpu {
  private PgCpu() {}

  /** Ticks (1/100 s) per child pid of the postmaster. */
  static Map<Long, Long> perProcess(long postmaster) {
    Map<Long, Long> out = new HashMap<>();
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path p : dirs.toList()) {
        String name = p.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit)) {
          try {
            String stat = Files.readString(p.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            if (Long.parseLong(f[1]) == postmaster) {
              out.put(Long.parseLong(name), Long.parseLong(f[11]) + Long.parseLong(f[12]));
            }
          } catch (Exception ignored) {
            // the process ended while we looked
          }
        }
      }
    } catch (Exception e) {
      return out;
    }
    return out;
  }

  /** µs per message by role: what each process used between the two snapshots, named by pg_stat_activity now. */
  static String byRole(Pool pool, Map<Long, Long> before, Map<Long, Long> after, long messages) {
    Map<Long, String> roles = new HashMap<>();
    pool.query("select pid, coalesce(nullif(application_name, ''), backend_type) from pg_stat_activity").execute().await()
        .forEach(r -> roles.put(r.getInteger(0).longValue(), r.getString(1).replaceAll("[0-9a-f-]{36}", "").trim()));
    Map<String, Long> ticks = new TreeMap<>();
    after.forEach((pid, t) -> ticks.merge(roles.getOrDefault(pid, "ended or unnamed"), t - before.getOrDefault(pid, 0L), Long::sum));
    StringBuilder sb = new StringBuilder();
    ticks.forEach((role, t) -> {
      if (t > 0) {
        sb.append(String.format("  %-40s %6.0f us/message%n", role, t * 10_000.0 / Math.max(1, messages)));
      }
    });
    return sb.toString();
  }
}
