package io.mooring.circles;

import io.mooring.platform.auth.SessionCache;
import io.mooring.platform.db.Listener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's half of the chat fan-out. Writers commit messages and NOTIFY in the same statement; every
 * node's one LISTEN connection (platform.db.Listener) hears them in commit order. Usually the notification carries the new
 * messages themselves and they go straight to the local sockets (issue 17: no read per message per
 * node); otherwise the hub reads the new rows from PostgreSQL (batched: many notifications for a busy
 * circle become one query), never past the last seq a notification announced (so a read cannot
 * overtake a revocation notified before that message). On every (re)subscribe each open circle is read
 * again from the last delivered seq up to where it stands, so a dropped LISTEN loses nothing. The same
 * connection LISTENs to session changes for the {@link SocketGuard}: one connection, so revocations and
 * messages arrive in commit order. Edits and deletions are followed by the circle's change number.
 * Payloads on {@value #CHANNEL} (c is the circle id):
 * <ul>
 * <li>{@code c:m:maxSeq:[[id,seq,authorId,"name","body",replyTo,createdAtMicros],...]}: the messages of
 * one commit (see {@link NotifiedMessages}); delivered from the payload when they follow exactly what this
 * node has delivered and no read is under way ({@link Room#deliverNotified}), else read up to maxSeq;</li>
 * <li>{@code c:seq}: new messages up to seq, to be read (payloads too large to carry them, writers that
 * only announce);</li>
 * <li>{@code c:c:change} (edit/delete, read by change number), {@code c:x:userId} (removed),
 * {@code c:t:userId} (typing), {@code c:p:userId} (presence changed: read it again).</li>
 * </ul>
 * Anything else is logged and ignored; a message form whose messages do not parse is read instead.
 */
final class CircleHub {
  static final String CHANNEL = "circle_events";
  private static final Logger LOG = LoggerFactory.getLogger(CircleHub.class);
  /** How often this node looks for sockets whose client stopped reading (see {@link SocketWriter#closeIfStalled}). */
  private static final long STALL_CHECK_MS = 1000;

  private final Vertx vertx;
  private final Pool pool;
  private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
  private final SessionSweep sessions;
  private final SocketGuard guard;
  private final Presence presence;
  /** This node, for presence rows (the listener's id, which also names its LISTEN backend). */
  final java.util.UUID nodeId;
  private long stallTimer = -1;
  /** Reads of new messages from PostgreSQL (not of changes): what notifications carrying them spare; tests count them. */
  final AtomicLong messageReads;
  private final RoomReader reader;

  /** Where a room stands: every later message and change reaches a socket that joined at this point. */
  record Position(long seq, long change) {}

  CircleHub(Vertx vertx, Pool pool, Listener listener) {
    this.vertx = vertx;
    this.pool = pool;
    this.nodeId = listener.nodeId();
    this.guard = new SocketGuard(pool);
    this.sessions = new SessionSweep(vertx, guard, rooms::values);
    this.presence = new Presence(vertx, pool, nodeId, rooms::values);
    this.reader = new RoomReader(vertx, pool);
    this.messageReads = reader.messageReads;
    // Both channels are LISTENed by one statement on the node's one connection, before any is heard.
    listener.channel(SessionCache.CHANNEL, () -> {}, guard::personChanged);
    listener.channel(CHANNEL, this::resubscribed, this::onEvent);
    // As soon as the connection is lost, and for every retry: notifications are being missed.
    listener.onLost(guard::listenLost);
  }

  Future<Void> start() {
    sessions.start();
    stallTimer = vertx.setPeriodic(STALL_CHECK_MS, t -> {
      long now = System.currentTimeMillis();
      rooms.values().forEach(r -> r.sockets.forEach(s -> s.closeIfStalled(now)));
    });
    return presence.start();
  }

  Future<Void> stop() {
    sessions.stop();
    vertx.cancelTimer(stallTimer);
    rooms.values().forEach(r -> r.sockets.forEach(s -> s.close((short) 1001, "server stopping")));
    return presence.stop();
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
      if (out.sockets.add(socket)) {
        ChatMetrics.socketOpened();
      }
      return out;
    });
    guard.track(socket);
    if (created[0]) {
      Future<CircleHub.Position> at = MessageRepository.position(pool, circleId);
      Future.join(at, presence.load(room)).onComplete(ar -> {
        synchronized (room) {
          room.messages.last = at.succeeded() ? at.result().seq() : 0;
          room.changes.last = at.succeeded() ? at.result().change() : 0;
        }
        room.ready.tryComplete();
        reader.advance(room, room.messages, -1);
        reader.advance(room, room.changes, -1);
      });
    }
    return room.ready.future().map(v -> {
      synchronized (room) {
        return new Position(room.messages.last, room.changes.last);
      }
    });
  }

  void leave(long circleId, LiveSocket socket) {
    guard.forget(socket);
    rooms.computeIfPresent(circleId, (id, r) -> {
      if (r.sockets.remove(socket)) {
        ChatMetrics.socketClosed();
      }
      return r.sockets.isEmpty() ? null : r;
    });
  }

  Pool pool() {
    return pool;
  }

  SocketGuard guard() {
    return guard;
  }

  Presence presence() {
    return presence;
  }

  Room room(long circleId) {
    return rooms.get(circleId);
  }

  private void onEvent(String payload) {
    try {
      int colon = payload.indexOf(':');
      Room room = rooms.get(Long.parseLong(payload, 0, colon, 10));
      if (room == null) {
        return;
      }
      if (payload.startsWith("m:", colon + 1)) {
        onMessages(room, payload, colon + 3);
        return;
      }
      String[] p = payload.split(":");
      if (p.length == 2) {
        reader.advance(room, room.messages, Long.parseLong(p[1]));
      } else if (p[1].equals("c")) {
        reader.advance(room, room.changes, Long.parseLong(p[2]));
      } else if (p[1].equals("x")) {
        room.closeSocketsOf(Long.parseLong(p[2]), "You are no longer a member of this circle.");
      } else if (p[1].equals("t")) {
        long who = Long.parseLong(p[2]);
        room.broadcast(new JsonObject().put("type", "typing").put("userId", who), who);
      } else if (p[1].equals("p")) {
        presence.recheck(room, Long.parseLong(p[2]));
      }
    } catch (RuntimeException e) {
      LOG.warn("ignored a malformed circle event ({} characters)", payload.length());
    }
  }

  /** {@code maxSeq:[...]} from {@code from}: the messages delivered as carried when they are next in line, else read. */
  private void onMessages(Room room, String payload, int from) {
    int colon = payload.indexOf(':', from);
    long maxSeq = Long.parseLong(payload, from, colon, 10);
    List<Message> carried = null;
    try {
      carried = NotifiedMessages.parse(room.circleId, maxSeq, payload.substring(colon + 1));
    } catch (RuntimeException e) {
      // Not the exception's text: a JSON error quotes the payload, and message bodies stay out of logs.
      LOG.warn("could not take the messages a circle event carried ({} characters, {}), reading them", payload.length(),
          e.getClass().getSimpleName());
    }
    if (carried == null || !room.deliverNotified(carried)) {
      reader.advance(room, room.messages, maxSeq);
    }
  }

  /**
   * LISTEN is (back) up: read where every open circle stands, then have the guard check every socket
   * held while notifications could be missed. In that order: every message up to those positions
   * committed before the check began, so the check has seen any revocation that came before them;
   * later ones are announced on the new connection, in order with revocations.
   */
  private void resubscribed() {
    Long[] ids = rooms.keySet().toArray(new Long[0]);
    SocketAccess.positions(pool, ids).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("could not read circle positions after LISTEN came back, retrying: {}", ar.cause().getMessage());
        vertx.setTimer(250, t -> resubscribed());
        return;
      }
      for (SocketAccess.Position p : ar.result()) {
        Room room = rooms.get(p.circleId());
        if (room != null) {
          reader.advance(room, room.messages, p.seq());
          reader.advance(room, room.changes, p.change());
        }
      }
      guard.listenBack();
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
