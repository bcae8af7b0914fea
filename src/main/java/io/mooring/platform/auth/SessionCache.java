package io.mooring.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mooring.platform.db.Listener;
import io.mooring.platform.metrics.Caches;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed-in sessions remembered per node, so a request needs no session read while nothing changed.
 * Correctness does not rest on the clock:
 * <ul>
 *   <li>any change to a session or to its person (sign-out, disabling, roles, name, e-mail) NOTIFYs
 *       every node from a trigger (sql/V10), whichever code or tool made it, and each node forgets
 *       that person's sessions;</li>
 *   <li>this node's own sign-out and administrator changes forget before they answer, so the next
 *       request here never races the notification;</li>
 *   <li>a read that overlapped any forgetting is not remembered (it may predate the change);</li>
 *   <li>while the listener is not connected (start-up, a dropped connection being retried) nothing is
 *       remembered, and everything is forgotten when it subscribes again, so a notification missed
 *       meanwhile cannot keep a revoked session alive.</li>
 * </ul>
 * An entry also lapses after {@link #REMEMBER_MILLIS} and never outlives its session. Without a
 * database address there is no listener, so every request reads its session row.
 */
public final class SessionCache {
  /** sql/V10: NOTIFYed with the person's id on any change to their sessions or account. */
  public static final String CHANNEL = "session_changed";
  static final long REMEMBER_MILLIS = 30_000;
  /**
   * At most this many sessions are remembered (an entry is a few hundred bytes: ~10 MB). When full,
   * Caffeine evicts the entries least likely to be used again; an evicted session is simply read
   * from its row on its next request.
   */
  static final int MAX_ENTRIES = 20_000;
  private static final Logger log = LoggerFactory.getLogger(SessionCache.class);

  private record Entry(CurrentUser user, long validUntilMillis) {}

  private final SqlClient db;
  /** Bounded by {@link #MAX_ENTRIES} and by {@link #REMEMBER_MILLIS} after writing; each entry also carries its own end. */
  private final Cache<UUID, Entry> entries = Caches.bounded("mooring.sessions", MAX_ENTRIES, Duration.ofMillis(REMEMBER_MILLIS));
  /** Bumped by every forgetting; a read that saw it change is not remembered. */
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean listening;

  /** Hears session changes on this node's {@code listener} (remembers nothing until it has started listening). */
  public SessionCache(SqlClient db, Listener listener) {
    this.db = db;
    listener.channel(CHANNEL, () -> {
      forgetAll();
      listening = true;
    }, this::onNotification);
    // As soon as the connection is lost, and for every retry: stop trusting memory.
    listener.onLost(() -> {
      listening = false;
      forgetAll();
    });
  }

  /** Whether the listener is subscribed, i.e. whether sessions may be remembered now. */
  boolean listening() {
    return listening;
  }

  /** The person a session id belongs to while the session is valid, else null. */
  Future<CurrentUser> current(UUID sessionId) {
    long now = System.currentTimeMillis();
    Entry hit = listening ? entries.getIfPresent(sessionId) : null;
    if (hit != null && hit.validUntilMillis() > now) {
      return Future.succeededFuture(hit.user());
    }
    long before = generation.get();
    return SessionRepository.find(db, sessionId).map(found -> {
      if (found == null) {
        entries.invalidate(sessionId);
        return null;
      }
      long until = Math.min(now + REMEMBER_MILLIS, found.expiresAt().toInstant().toEpochMilli());
      if (listening && generation.get() == before && until > now) {
        entries.put(sessionId, new Entry(found.user(), until));
      }
      return found.user();
    });
  }

  /** After this node signed a session out: the next request must not find it remembered. */
  public void forgetSession(String sessionId) {
    generation.incrementAndGet();
    entries.invalidate(UUID.fromString(sessionId));
  }

  /** After this node changed a person (roles, name, disabled) or revoked their sessions. */
  public void forgetUser(long userId) {
    generation.incrementAndGet();
    entries.asMap().values().removeIf(e -> e.user().id() == userId);
  }

  private void forgetAll() {
    generation.incrementAndGet();
    entries.invalidateAll();
  }

  private void onNotification(String payload) {
    try {
      forgetUser(Long.parseLong(payload.trim()));
    } catch (NumberFormatException e) {
      log.warn("a malformed {} notification: forgetting every session", CHANNEL);
      forgetAll();
    }
  }
}
