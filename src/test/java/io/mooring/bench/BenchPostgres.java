package io.mooring.bench;

import io.mooring.platform.db.Database;
import io.mooring.platform.db.DbUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The PostgreSQL a load client seeds and measures: the server's embedded one (its postmaster.pid in
 * the data dir), or, when {@code MOORING_DB_URL} is set, that external one (ops/bench/ha, ops/bench/ceiling),
 * whose CPU is read from the postmasters listed in {@code MOORING_BENCH_PG_PIDS} (comma-separated; a
 * synchronous pair lists both servers; none listed counts no PostgreSQL CPU).
 */
record BenchPostgres(DbUrl url, long[] postmasters) {
  static BenchPostgres of(Path dataDir) throws IOException {
    String external = System.getenv().getOrDefault("MOORING_DB_URL", "");
    if (!external.isBlank()) {
      long[] pids = Arrays.stream(System.getenv().getOrDefault("MOORING_BENCH_PG_PIDS", "").split(","))
          .map(String::strip).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
      return new BenchPostgres(DbUrl.parse(external, null, null), pids);
    }
    List<String> pidFile = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
    long pgPid = Long.parseLong(pidFile.get(0).trim());
    int pgPort = Integer.parseInt(pidFile.get(3).trim());
    return new BenchPostgres(new DbUrl("localhost", pgPort, Database.NAME, "postgres", ""), new long[] {pgPid});
  }

  /** CPU of every listed postmaster and its backends, in clock ticks (1/100 s). */
  long ticks() {
    return Arrays.stream(postmasters).map(ChatBench::pgTicks).sum();
  }
}
