package io.mooring.circles;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backstop behind {@link SocketGuard}: every {@link LiveSocket#sessionCheckMs} each socket's access
 * is read again (in case a change reached PostgreSQL without a notification, say by a tool that disabled
 * the triggers), and every tick closes the sockets whose session has expired, which no notification
 * announces. One timer per node (not one per socket, which costs a timer object and a query each): every
 * tick collects the sockets whose last check is old enough and asks PostgreSQL about them in one query
 * per {@value #CHUNK}.
 */
final class SessionSweep {
  static final long TICK_MS = 1000;
  private static final int CHUNK = 1000;
  private static final long RETRY_MS = 5000;
  private static final Logger LOG = LoggerFactory.getLogger(SessionSweep.class);

  private final Vertx vertx;
  private final SocketGuard guard;
  private final Supplier<Iterable<Room>> rooms;
  private long timer = -1;

  SessionSweep(Vertx vertx, SocketGuard guard, Supplier<Iterable<Room>> rooms) {
    this.vertx = vertx;
    this.guard = guard;
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
    List<LiveSocket> due = new ArrayList<>();
    for (Room room : rooms.get()) {
      for (LiveSocket s : room.sockets) {
        if (s.sessionEnded(now)) {
          s.close(SocketAccess.SESSION_ENDED, LiveSocket.reasonFor(SocketAccess.SESSION_ENDED));
        } else if (s.sessionDue(now, LiveSocket.sessionCheckMs)) {
          due.add(s);
          if (due.size() == CHUNK) {
            check(due);
            due = new ArrayList<>();
          }
        }
      }
    }
    if (!due.isEmpty()) {
      check(due);
    }
  }

  private void check(List<LiveSocket> batch) {
    guard.sweep(batch).onFailure(e -> {
      LOG.warn("session re-check failed, retrying in {} ms: {}", RETRY_MS, e.getMessage());
      long retryAt = System.currentTimeMillis() + RETRY_MS;
      batch.forEach(s -> s.sessionRecheckAt(retryAt));
    });
  }
}
