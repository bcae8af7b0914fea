package io.mooring.circles;

import io.mooring.platform.auth.SessionCache;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's open chat sockets to what their owners may still receive, decided when frames
 * are delivered rather than when a socket opened. A socket is <em>held</em> (its frames wait, in
 * order and bounded) while PostgreSQL is asked whether its owner is still entitled; then the frames
 * flow again or the socket closes (4401 session ended, 4403 no access), the waiting frames dropped.
 * <p>
 * Why this is exact: sign-out, deactivation and role changes NOTIFY {@value SessionCache#CHANNEL} from a
 * trigger (sql/V10), removal and leaving NOTIFY the circle channel (sql/V11), and the hub LISTENs to
 * both on ONE connection, which PostgreSQL feeds in commit order. So the hold is in place before the
 * hub hears of any message, edit or presence committed after the change, and the check, which starts
 * after the notification arrived, sees the change. A socket is held:
 * <ul>
 *   <li>from the moment it registers until its first check (so a change processed just before it
 *       registered is still seen);</li>
 *   <li>when its owner's session or account changes ({@link #personChanged});</li>
 *   <li>while the LISTEN connection is down and until every socket was checked again after it came
 *       back, because notifications sent meanwhile are lost.</li>
 * </ul>
 * A check that fails (database unreachable) closes the socket with 1011: the client reconnects and is
 * checked again, so a failure never leaves a socket open unchecked.
 */
final class SocketGuard {
  private static final int CHUNK = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(SocketGuard.class);

  private final Pool pool;
  /**
   * Each person's open sockets on this node, as an immutable list replaced on every change (a person has one or
   * a few): ~30 bytes for one socket where a concurrent set per person took ~250 (idle-socket memory, issue 17).
   */
  private final Map<Long, List<LiveSocket>> byPerson = new ConcurrentHashMap<>();
  /** Sockets held because notifications may have been missed; checked once LISTEN is back. Guarded by this. */
  private final Set<LiveSocket> awaitingListen = new HashSet<>();
  private boolean listening;

  SocketGuard(Pool pool) {
    this.pool = pool;
  }

  /** A socket registers (held from construction), in the same turn as it joins its room, before it can close. */
  void track(LiveSocket s) {
    byPerson.compute(s.userId(), (k, list) -> list == null ? List.of(s) : with(list, s));
    synchronized (this) {
      if (!listening && awaitingListen.add(s)) {
        s.hold();
      }
    }
  }

  /** The socket's first check, once its room knows where it stands; fails when access already ended. */
  Future<Void> admit(LiveSocket s) {
    return check(List.of(s), true).compose(v -> s.isRevoked() ? Future.failedFuture("access ended") : Future.succeededFuture());
  }

  void forget(LiveSocket s) {
    byPerson.computeIfPresent(s.userId(), (k, list) -> without(list, s));
    synchronized (this) {
      awaitingListen.remove(s);
    }
  }

  /** A {@value SessionCache#CHANNEL} notification; runs on the LISTEN connection, before the next notification. */
  void personChanged(String payload) {
    Collection<LiveSocket> sockets;
    try {
      sockets = byPerson.get(Long.parseLong(payload.trim()));
    } catch (NumberFormatException e) {
      LOG.warn("a malformed {} notification: checking every socket", SessionCache.CHANNEL);
      sockets = everySocket();
    }
    if (sockets != null && !sockets.isEmpty()) {
      List<LiveSocket> list = List.copyOf(sockets);
      list.forEach(LiveSocket::hold);
      check(list, true);
    }
  }

  /** The LISTEN connection dropped: notifications may be lost from now until every socket is checked again. */
  synchronized void listenLost() {
    listening = false;
    for (LiveSocket s : everySocket()) {
      if (awaitingListen.add(s)) {
        s.hold();
      }
    }
  }

  /** LISTEN is back (and the rooms' positions were read): check every socket held meanwhile. */
  void listenBack() {
    List<LiveSocket> list;
    synchronized (this) {
      listening = true;
      list = new ArrayList<>(awaitingListen);
      awaitingListen.clear();
    }
    for (int i = 0; i < list.size(); i += CHUNK) {
      check(list.subList(i, Math.min(list.size(), i + CHUNK)), true);
    }
  }

  /** The backstop sweep: closes what is no longer entitled, holding nothing; a failure is the sweep's to retry. */
  Future<Void> sweep(List<LiveSocket> sockets) {
    return check(sockets, false);
  }

  /** {@code held}: the sockets wait for this answer, so a failed check closes them rather than leave them waiting. */
  private Future<Void> check(List<LiveSocket> sockets, boolean held) {
    return SocketAccess.check(pool, sockets).andThen(ar -> {
      if (ar.succeeded()) {
        for (int i = 0; i < sockets.size(); i++) {
          sockets.get(i).judge(ar.result()[i], held);
        }
      } else if (held) {
        LOG.warn("socket access check failed, closing {} socket(s): {}", sockets.size(), ar.cause().getMessage());
        sockets.forEach(s -> s.close((short) 1011, "Could not confirm your access; reconnect."));
      }
    }).mapEmpty();
  }

  private static List<LiveSocket> with(List<LiveSocket> list, LiveSocket s) {
    if (list.contains(s)) {
      return list;
    }
    List<LiveSocket> out = new ArrayList<>(list);
    out.add(s);
    return List.copyOf(out);
  }

  /** Null (the person leaves the map) when {@code s} was their last socket here. */
  private static List<LiveSocket> without(List<LiveSocket> list, LiveSocket s) {
    List<LiveSocket> out = new ArrayList<>(list);
    out.remove(s);
    return out.isEmpty() ? null : List.copyOf(out);
  }

  private Set<LiveSocket> everySocket() {
    Set<LiveSocket> all = new HashSet<>();
    byPerson.values().forEach(all::addAll);
    return all;
  }
}
