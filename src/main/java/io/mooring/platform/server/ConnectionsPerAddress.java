package io.mooring.platform.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts open connections per client address across every event loop of one server, so one
 * address cannot take all the file descriptors. Bounded by the number of open connections: an
 * address leaves the map when its last connection closes.
 */
public final class ConnectionsPerAddress {
  private final int max;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

  /** @param max 0 for no cap (the count is then not kept at all) */
  public ConnectionsPerAddress(int max) {
    this.max = max;
  }

  /** Takes a slot for this address, or returns false when it already holds {@code max}. */
  boolean tryOpen(String address) {
    if (max == 0) {
      return true;
    }
    AtomicBoolean taken = new AtomicBoolean();
    open.compute(address, (k, n) -> {
      int now = n == null ? 0 : n;
      if (now >= max) {
        return now;
      }
      taken.set(true);
      return now + 1;
    });
    return taken.get();
  }

  void closed(String address) {
    if (max != 0) {
      open.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  int max() {
    return max;
  }
}
