package io.mooring.circles;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a {@link Room}'s streams (messages by seq, changes by change number) up to what notifications
 * announced by reading PostgreSQL, in batches, when the notification did not carry them (see
 * {@link CircleHub}): never past the highest position announced, one read per stream at a time, and a
 * failed read retried after a short pause. What it reads goes out through {@link Room#deliver}.
 */
final class RoomReader {
  private static final Logger LOG = LoggerFactory.getLogger(RoomReader.class);
  private static final int BATCH = 500;
  private final Vertx vertx;
  private final Pool pool;
  /** Reads of new messages (not of changes). */
  final AtomicLong messageReads = new AtomicLong();

  RoomReader(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /**
   * Reads and delivers what the room has not yet delivered along {@code f}, up to the highest seq (or
   * change) announced so far, {@code upTo} included (-1: nothing new); one reader per stream at a time.
   */
  void advance(Room room, Follow f, long upTo) {
    synchronized (room) {
      f.announced = Math.max(f.announced, upTo);
      if (f.last >= 0 && f.announced <= f.last) {
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
    long upTo;
    synchronized (room) {
      from = f.last;
      upTo = f.announced;
      f.again = false;
    }
    if (!f.changes) {
      messageReads.incrementAndGet();
    }
    f.read(pool, room.circleId, from, BATCH).onComplete(ar -> {
      boolean more;
      synchronized (room) {
        int delivered = 0;
        if (ar.succeeded()) {
          for (Message m : ar.result()) {
            if (f.key(m) <= upTo) {
              room.deliver(f, m);
              delivered++;
            }
          }
        }
        more = ar.succeeded() && (delivered == BATCH || f.again);
        f.fetching = more;
        if (ar.failed()) {
          f.again = true;
        }
      }
      if (more) {
        fetch(room, f);
      } else if (ar.failed()) {
        LOG.warn("circle fan-out read failed, retrying: {}", ar.cause().getMessage());
        vertx.setTimer(250, t -> advance(room, f, -1));
      }
    });
  }
}
