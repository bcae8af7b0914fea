package io.mooring.supervision;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mooring.platform.metrics.Caches;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Supervisor dashboards, remembered per node and checked against the supervisor's stamp on every
 * request (one primary-key read, about the cost of {@code SELECT 1}). Triggers (sql/V9) replace the
 * stamp in the same transaction as any change a dashboard shows, on whichever node or tool made it,
 * so an answer is never older than the last commit. Time alone changes two things, the next session
 * and "overdue", so an entry also expires when its earliest listed session starts and at most
 * {@link #MAX_AGE_MS} after it was built (overdue is a matter of days; a minute's lag is harmless).
 */
final class DashboardCache {
  static final long MAX_AGE_MS = 60_000;
  /**
   * An entry is ~15 KB of JSON plus its objects for 25 supervisees: at most ~40 MB, far more supervisors
   * than an organization has. When full, Caffeine evicts the dashboards least likely to be asked for
   * again; an evicted one is rebuilt on its next request.
   */
  static final int MAX_ENTRIES = 1_000;
  /** A supervisor nothing has been recorded for yet has no row; any later change inserts one. */
  private static final long NEVER_CHANGED = 0;
  private static final String STAMP = "select version from supervision_dashboard_stamps where supervisor_id = $1";

  /** One supervisor's dashboard as built at {@code version}, with its JSON encoded once. */
  record Entry(long version, long expiresAtMillis, DashboardService.Overview overview, byte[] json) {
    Buffer body() {
      return Buffer.buffer(json);
    }
  }

  private final SqlClient db;
  /** Bounded by {@link #MAX_ENTRIES} and by {@link #MAX_AGE_MS} after writing; each entry may end sooner (its next session). */
  private final Cache<Long, Entry> entries = Caches.bounded("mooring.dashboards", MAX_ENTRIES, Duration.ofMillis(MAX_AGE_MS));

  DashboardCache(SqlClient db) {
    this.db = db;
  }

  /** The remembered entry if its stamp is current and it has not expired, otherwise a fresh one built now. */
  Future<Entry> get(long supervisorId, Supplier<Future<DashboardService.Overview>> build,
                    Function<DashboardService.Overview, byte[]> encode) {
    return db.preparedQuery(STAMP).execute(Tuple.of(supervisorId)).compose(rows -> {
      long version = rows.size() == 0 ? NEVER_CHANGED : rows.iterator().next().getLong(0);
      long now = System.currentTimeMillis();
      Entry hit = entries.getIfPresent(supervisorId);
      if (hit != null && hit.version() == version && hit.expiresAtMillis() > now) {
        return Future.succeededFuture(hit);
      }
      // Built after the stamp was read, so it is at least as new as that stamp; a change committed
      // meanwhile has a newer stamp and the next request rebuilds.
      return build.get().map(overview -> {
        Entry fresh = new Entry(version, expiry(overview, now), overview, encode.apply(overview));
        entries.put(supervisorId, fresh);
        return fresh;
      });
    });
  }

  private static long expiry(DashboardService.Overview overview, long now) {
    long until = now + MAX_AGE_MS;
    for (DashboardService.Row row : overview.rows()) {
      if (row.next() != null) {
        Instant starts = row.next().startsAt().toInstant();
        until = Math.min(until, starts.toEpochMilli());
      }
    }
    return until;
  }
}
