package io.mooring.platform.metrics;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * A Caffeine cache's size, hits, misses and evictions on {@code /metrics}, tagged {@code cache=<name>}.
 * Micrometer keeps the first meter registered under a name; a process that builds a server again (tests,
 * a restart in place) would go on reporting the first, discarded cache. So the newest cache replaces any
 * earlier one of the same name.
 */
public final class CacheMetrics {
  private CacheMetrics() {}

  public static void monitor(Cache<?, ?> cache, String name) {
    MeterRegistry registry = io.micrometer.core.instrument.Metrics.globalRegistry;
    for (Meter earlier : registry.getMeters()) {
      if (name.equals(earlier.getId().getTag("cache"))) {
        registry.remove(earlier);
      }
    }
    CaffeineCacheMetrics.monitor(registry, cache, name);
  }
}
