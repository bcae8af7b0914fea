package io.mooring.circles;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One circle's open sockets on this node, and how far this node has delivered its messages.
 * Sockets run on several event loops, so every change happens under the room's lock; writes made
 * under it reach each socket in seq order.
 */
final class Room {
  final long circleId;
  final List<LiveSocket> sockets = new CopyOnWriteArrayList<>();
  final Promise<Void> ready = Promise.promise();
  final Follow messages = new Follow(false);
  final Follow changes = new Follow(true);
  /**
   * Changes waiting, in change order, because the first of them is to a message not yet delivered here
   * (an edit right after the send). Later changes wait behind it, so change numbers go out only rising.
   */
  private final Deque<Message> held = new ArrayDeque<>();
  /** Members with a socket open on any live node, as last read from PostgreSQL (see {@link Presence}). */
  private final Set<Long> online = new HashSet<>();
  /** Members whose presence changed and is to be read again; all of them when {@code presenceAll}. Under the lock. */
  final Set<Long> presenceDirty = new HashSet<>();
  boolean presenceAll;
  /** One presence read at a time, so answers apply in the order they were read; the first is the room's opening read. */
  boolean presenceReading = true;

  Room(long circleId) {
    this.circleId = circleId;
  }

  /** In order along {@code f}; a change waits until its message (and every earlier change) has gone out. */
  synchronized void deliver(Follow f, Message m) {
    f.last = Math.max(f.last, f.key(m));
    if (f.changes) {
      held.add(m);
    } else {
      String frame = m.toJson().put("type", "message").encode();
      sockets.forEach(s -> s.deliverMessage(m.seq(), frame));
      ChatMetrics.delivered(sockets.size(), m.at());
    }
    while (!held.isEmpty() && held.peekFirst().seq() <= messages.last) {
      Message c = held.pollFirst();
      String frame = c.toChangeJson().encode();
      sockets.forEach(s -> s.deliverChange(c.seq(), c.changeNo(), frame));
    }
  }

  /**
   * Delivers messages a notification carried ({@link NotifiedMessages}, gap-free) only when they are
   * exactly next: the room's position is known, nothing is being read or waits to be read, and the first
   * follows the last delivered. False (nothing done) otherwise, and the hub reads as without them: so a
   * socket still gets every seq once and in order whichever way each message came.
   */
  synchronized boolean deliverNotified(List<Message> carried) {
    Follow f = messages;
    if (f.fetching || f.last < 0 || f.announced > f.last || carried.get(0).seq() != f.last + 1) {
      return false;
    }
    for (Message m : carried) {
      deliver(f, m);
    }
    f.announced = f.last;
    return true;
  }

  synchronized void broadcast(JsonObject json, long exceptUserId) {
    String frame = json.encode();
    for (LiveSocket s : sockets) {
      if (s.userId() != exceptUserId) {
        s.deliverEvent(frame);
      }
    }
  }

  /** {@code now}: who of {@code checked} (null: everyone) is online; each change is told to this node's sockets. */
  synchronized void setOnline(Collection<Long> checked, Set<Long> now) {
    Set<Long> consider = new HashSet<>(checked == null ? online : checked);
    if (checked == null) {
      consider.addAll(now);
    }
    for (Long userId : consider) {
      boolean on = now.contains(userId);
      if (on ? online.add(userId) : online.remove(userId)) {
        broadcast(new JsonObject().put("type", "presence").put("userId", userId).put("online", on), -1);
      }
    }
  }

  synchronized JsonArray onlineNow() {
    JsonArray a = new JsonArray();
    online.stream().sorted().forEach(a::add);
    return a;
  }

  void closeSocketsOf(long userId, String reason) {
    for (LiveSocket s : sockets) {
      if (s.userId() == userId) {
        s.close((short) 4403, reason);
      }
    }
  }
}
