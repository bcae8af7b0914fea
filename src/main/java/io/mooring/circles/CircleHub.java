package io.mooring.circles;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's half of the chat fan-out. Writers commit a message and NOTIFY its id; every node's
 * single subscriber hears "circle:seq" and reads the new rows from PostgreSQL (batched: many
 * notifications for a busy circle become one query) for its local sockets. On every (re)subscribe
 * each open circle is read again from the last delivered seq, so a dropped LISTEN loses nothing.
 * Edits and deletions are followed the same way by the circle's change number. Payloads carry
 * numbers only: {@code c:seq}, {@code c:c:change} (edit/delete), {@code c:x:userId} (removed),
 * {@code c:t:userId} (typing), {@code c:p:userId:1|0} (presence).
 */
final class CircleHub {
  static final String CHANNEL = "circle_events";
  static final String APPLICATION_NAME = "mooring-circle-events";
  private static final Logger LOG = LoggerFactory.getLogger(CircleHub.class);
  private static final int BATCH = 500;

  private final Vertx vertx;
  private final Pool pool;
  private final PgConnectOptions listenOptions;
  private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
  private final SessionSweep sessions;
  private PgSubscriber subscriber;

  /** Where a room stands: every later message and change reaches a socket that joined at this point. */
  record Position(long seq, long change) {}

  CircleHub(Vertx vertx, Pool pool, PgConnectOptions listenOptions) {
    this.vertx = vertx;
    this.pool = pool;
    this.listenOptions = listenOptions;
    this.sessions = new SessionSweep(vertx, pool, rooms::values);
  }

  Future<Void> start() {
    PgConnectOptions options = new PgConnectOptions(listenOptions).addProperty("application_name", APPLICATION_NAME);
    subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> Math.min(100L * (attempt + 1), 2000L));
    subscriber.channel(CHANNEL).subscribeHandler(v -> rooms.values().forEach(this::readAll)).handler(this::onEvent);
    sessions.start();
    return subscriber.connect();
  }

  Future<Void> stop() {
    sessions.stop();
    rooms.values().forEach(r -> r.sockets.forEach(s -> s.close((short) 1001, "server stopping")));
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  /** Registers a socket (still catching up) and answers once the room knows where it stands. */
  Future<Position> join(long circleId, LiveSocket socket) {
    boolean[] created = {false};
    Room room = rooms.compute(circleId, (id, r) -> {
      Room out = r;
      if (out == null) {
        out = new Room(id);
        created[0] = true;
      }
      out.sockets.add(socket);
      return out;
    });
    if (created[0]) {
      pool.preparedQuery("select last_seq, last_change from circles where id = $1").execute(io.vertx.sqlclient.Tuple.of(circleId)).onComplete(ar -> {
        boolean found = ar.succeeded() && ar.result().size() == 1;
        synchronized (room) {
          room.messages.last = found ? ar.result().iterator().next().getLong(0) : 0;
          room.changes.last = found ? ar.result().iterator().next().getLong(1) : 0;
        }
        room.ready.tryComplete();
        readAll(room);
      });
    }
    return room.ready.future().map(v -> {
      synchronized (room) {
        return new Position(room.messages.last, room.changes.last);
      }
    });
  }

  void leave(long circleId, LiveSocket socket) {
    rooms.computeIfPresent(circleId, (id, r) -> {
      r.sockets.remove(socket);
      return r.sockets.isEmpty() ? null : r;
    });
  }

  Pool pool() {
    return pool;
  }

  Room room(long circleId) {
    return rooms.get(circleId);
  }

  private void onEvent(String payload) {
    try {
      String[] p = payload.split(":");
      Room room = rooms.get(Long.parseLong(p[0]));
      if (room == null) {
        return;
      }
      if (p.length == 2) {
        advance(room, room.messages, Long.parseLong(p[1]));
      } else if (p[1].equals("c")) {
        advance(room, room.changes, Long.parseLong(p[2]));
      } else if (p[1].equals("x")) {
        room.closeSocketsOf(Long.parseLong(p[2]), "You are no longer a member of this circle.");
      } else if (p[1].equals("t")) {
        long who = Long.parseLong(p[2]);
        room.broadcast(new JsonObject().put("type", "typing").put("userId", who), who);
      } else if (p[1].equals("p")) {
        room.presence(Long.parseLong(p[2]), "1".equals(p[3]));
      }
    } catch (RuntimeException e) {
      LOG.warn("ignored a malformed circle event ({} characters)", payload.length());
    }
  }

  private void readAll(Room room) {
    advance(room, room.messages, Long.MAX_VALUE);
    advance(room, room.changes, Long.MAX_VALUE);
  }

  /** Reads and delivers everything after what the room last delivered along {@code f}; one reader per stream at a time. */
  private void advance(Room room, Follow f, long upTo) {
    synchronized (room) {
      if (f.last >= 0 && upTo <= f.last) {
        return;
      }
      if (f.fetching || f.last < 0) {
        f.again = true;
        return;
      }
      f.fetching = true;
    }
    fetch(room, f);
  }

  private void fetch(Room room, Follow f) {
    long from;
    synchronized (room) {
      from = f.last;
      f.again = false;
    }
    f.read(pool, room.circleId, from, BATCH).onComplete(ar -> {
      boolean more;
      synchronized (room) {
        if (ar.succeeded()) {
          ar.result().forEach(m -> room.deliver(f, m));
        }
        more = ar.succeeded() && (ar.result().size() == BATCH || f.again);
        f.fetching = more;
        if (ar.failed()) {
          f.again = true;
        }
      }
      if (more) {
        fetch(room, f);
      } else if (ar.failed()) {
        LOG.warn("circle fan-out read failed, retrying: {}", ar.cause().getMessage());
        vertx.setTimer(250, t -> advance(room, f, Long.MAX_VALUE));
      }
    });
  }

  /** Runs for every local socket of the circles this person belongs to (profile refresh). */
  void forEachSocketIn(Iterable<Long> circleIds, Consumer<LiveSocket> action) {
    for (Long id : circleIds) {
      Room r = rooms.get(id);
      if (r != null) {
        r.sockets.forEach(action);
      }
    }
  }
}
