package io.mooring.platform.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The one way Mooring builds a cache: Caffeine, bounded by size (when full it evicts the entries least
 * likely to be used again) and by time after writing, maintained on the calling thread (no hidden
 * pool), with its figures on {@code /metrics} as {@code cache_*{cache="<name>"}}.
 */
public final class Caches {
  private Caches() {}

  public static <K, V> Cache<K, V> bounded(String name, long maxEntries, Duration afterWrite) {
    Cache<K, V> cache = Caffeine.newBuilder()
        .maximumSize(maxEntries)
        .expireAfterWrite(afterWrite)
        .executor(Runnable::run)
        .recordStats()
        .<K, V>build();
    CacheMetrics.monitor(cache, name);
    return cache;
  }
}
