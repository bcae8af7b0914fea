package io.mooring.circles;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  /** Changes to messages not yet delivered here (an edit right after the send): released just after their message. */
  private final List<Message> held = new ArrayList<>();
  /** Open sockets per member across all nodes, counted from presence notifications. */
  private final Map<Long, Integer> online = new HashMap<>();

  Room(long circleId) {
    this.circleId = circleId;
  }

  /** In order along {@code f}; a message's change waits until the message itself has gone out. */
  synchronized void deliver(Follow f, Message m) {
    f.last = Math.max(f.last, f.key(m));
    if (f.changes && m.seq() > messages.last) {
      held.add(m);
    } else if (f.changes) {
      String frame = m.toChangeJson().encode();
      sockets.forEach(s -> s.deliverChange(m.changeNo(), frame));
    } else {
      String frame = m.toJson().put("type", "message").encode();
      sockets.forEach(s -> s.deliverMessage(m.seq(), frame));
      if (!held.isEmpty()) {
        List<Message> due = held.stream().filter(c -> c.seq() <= messages.last).toList();
        held.removeAll(due);
        due.forEach(c -> deliver(changes, c));
      }
    }
  }

  synchronized void broadcast(JsonObject json, long exceptUserId) {
    String frame = json.encode();
    for (LiveSocket s : sockets) {
      if (s.userId() != exceptUserId) {
        s.deliverEvent(frame);
      }
    }
  }

  synchronized void presence(long userId, boolean on) {
    int n = online.getOrDefault(userId, 0) + (on ? 1 : -1);
    if (n <= 0) {
      online.remove(userId);
    } else {
      online.put(userId, n);
    }
    boolean changed = on ? n == 1 : n <= 0;
    if (changed) {
      broadcast(new JsonObject().put("type", "presence").put("userId", userId).put("online", on), -1);
    }
  }

  synchronized JsonArray onlineNow() {
    JsonArray a = new JsonArray();
    online.keySet().stream().sorted().forEach(a::add);
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
