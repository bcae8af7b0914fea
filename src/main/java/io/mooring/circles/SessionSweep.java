package io.mooring.circles;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks the sessions behind this node's open sockets: sign-out, disabling or losing the peer
 * role closes them. One timer per node (not one per socket, which costs a timer object and a query
 * each): every tick collects the sockets whose last check is {@link LiveSocket#sessionCheckMs} old
 * and asks PostgreSQL about all their sessions in one query per {@value #CHUNK}.
 */
final class SessionSweep {
  static final long TICK_MS = 1000;
  private static final int CHUNK = 1000;
  private static final long RETRY_MS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(SessionSweep.class);
  /** The same conditions as SessionRepository.current, plus the peer role the chat requires. */
  private static final String STILL_VALID = """
      select s.id from sessions s join users u on u.id = s.user_id
       where s.id = any($1) and s.revoked_at is null and s.expires_at > now() and u.active and 'peer' = any(u.roles)""";

  private final Vertx vertx;
  private final Pool pool;
  private final Supplier<Iterable<Room>> rooms;
  private long timer = -1;

  SessionSweep(Vertx vertx, Pool pool, Supplier<Iterable<Room>> rooms) {
    this.vertx = vertx;
    this.pool = pool;
    this.rooms = rooms;
  }

  void start() {
    timer = vertx.setPeriodic(TICK_MS, t -> sweep(System.currentTimeMillis()));
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void sweep(long now) {
    Map<UUID, List<LiveSocket>> due = new HashMap<>();
    for (Room room : rooms.get()) {
      for (LiveSocket s : room.sockets) {
        if (s.sessionDue(now, LiveSocket.sessionCheckMs)) {
          due.computeIfAbsent(s.sessionUuid(), k -> new ArrayList<>(1)).add(s);
        }
      }
    }
    Map<UUID, List<LiveSocket>> batch = new HashMap<>();
    for (Map.Entry<UUID, List<LiveSocket>> e : due.entrySet()) {
      batch.put(e.getKey(), e.getValue());
      if (batch.size() == CHUNK) {
        check(batch);
        batch = new HashMap<>();
      }
    }
    if (!batch.isEmpty()) {
      check(batch);
    }
  }

  private void check(Map<UUID, List<LiveSocket>> batch) {
    pool.preparedQuery(STILL_VALID).execute(Tuple.of(batch.keySet().toArray(new UUID[0]))).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("session re-check failed, retrying in {} ms: {}", RETRY_MS, ar.cause().getMessage());
        long retryAt = System.currentTimeMillis() + RETRY_MS;
        batch.values().forEach(list -> list.forEach(s -> s.sessionRecheckAt(retryAt)));
        return;
      }
      Set<UUID> valid = new HashSet<>();
      for (Row r : ar.result()) {
        valid.add(r.getUUID(0));
      }
      batch.forEach((id, sockets) -> {
        if (!valid.contains(id)) {
          sockets.forEach(s -> s.close((short) 4401, "Your session ended: sign in again."));
        }
      });
    });
  }
}
