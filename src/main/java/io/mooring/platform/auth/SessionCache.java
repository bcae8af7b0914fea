package io.mooring.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mooring.platform.db.DbUrl;
import io.mooring.platform.metrics.Caches;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
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
  static final String CHANNEL = "session_changed";
  /** Names the listening connection in pg_stat_activity (operators, and the test that cuts it). */
  public static final String APPLICATION_NAME = "mooring-session-changes";
  static final long REMEMBER_MILLIS = 30_000;
  /**
   * At most this many sessions are remembered (an entry is a few hundred bytes: ~10 MB). When full,
   * Caffeine evicts the entries least likely to be used again; an evicted session is simply read
   * from its row on its next request.
   */
  static final int MAX_ENTRIES = 20_000;
  private static final Logger log = LoggerFactory.getLogger(SessionCache.class);

  private record Entry(CurrentUser user, long validUntilMillis) {}

  private final Vertx vertx;
  private final SqlClient db;
  private final DbUrl listenTo;
  /** Bounded by {@link #MAX_ENTRIES} and by {@link #REMEMBER_MILLIS} after writing; each entry also carries its own end. */
  private final Cache<UUID, Entry> entries = Caches.bounded("mooring.sessions", MAX_ENTRIES, Duration.ofMillis(REMEMBER_MILLIS));
  /** Bumped by every forgetting; a read that saw it change is not remembered. */
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean listening;
  private PgSubscriber subscriber;

  public SessionCache(Vertx vertx, SqlClient db, DbUrl listenTo) {
    this.vertx = vertx;
    this.db = db;
    this.listenTo = listenTo;
  }

  public Future<Void> start() {
    if (listenTo == null) {
      return Future.succeededFuture();
    }
    Promise<Void> subscribed = Promise.promise();
    subscriber = PgSubscriber.subscriber(vertx,
        new PgConnectOptions(listenTo.connectOptions()).addProperty("application_name", APPLICATION_NAME)).reconnectPolicy(attempt -> {
      // Called as soon as the connection is lost, and for every retry: stop trusting memory.
      listening = false;
      forgetAll();
      return Math.min(100L * (attempt + 1), 2000L);
    });
    subscriber.channel(CHANNEL).subscribeHandler(v -> {
      forgetAll();
      listening = true;
      subscribed.tryComplete();
    }).handler(this::onNotification);
    return subscriber.connect().compose(v -> subscribed.future());
  }

  public Future<Void> stop() {
    listening = false;
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
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
