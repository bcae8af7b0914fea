package io.mooring.circles;

import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;

/**
 * What one socket is sent. It first catches up from PostgreSQL (messages after the seq the client
 * names, then the edits and deletions of older messages made after the change number it names) while
 * live frames wait in a buffer, then flushes the buffer dropping messages already sent, so the client
 * sees every seq once, in order, and every change it missed. Unsent bytes are bounded.
 */
final class Outbox {
  /**
   * Bytes that may wait unsent for one socket. A member whose device stops reading is closed with
   * {@link #FELL_BEHIND} rather than holding ever more memory; nothing is dropped silently: the
   * client reconnects with ?after=lastSeq&changes=lastChange and catches up from PostgreSQL.
   * (Counted here rather than by writeQueueFull(), which counts queued messages, 16 by default, when
   * writes come from another thread, as fan-out writes do: a burst to a healthy reader would trip it.)
   */
  static volatile int writeQueueBytes = 256 * 1024;
  /** Live frames held while a socket catches up; beyond this it is behind for good and is closed the same way. */
  static final int MAX_BUFFERED = 2000;
  static final short FELL_BEHIND = 4429;
  private static final int CATCH_UP_BATCH = 500;
  private static final long NO_SEQ = -1L;

  private final SocketWriter out;
  private final SqlClient db;
  private final long circleId;
  /** Whose socket this is: the catch-up reads only what they may read (relations.CircleHistory). */
  private final long readerId;
  /** A live frame that arrived while catching up, with its message seq or change number (NO_SEQ for neither). */
  private record Held(long seq, long change, String frame) {}

  /** Frames that arrive while catching up; dropped (set to null) once live. */
  private List<Held> buffered = new ArrayList<>();
  /**
   * The highest change number the client has: first what the replay covered (every message changed up
   * to it was sent in its current state), then the last change frame sent. Change frames go out only
   * above it, so each client sees change numbers strictly increasing and none twice.
   */
  private long lastChange;
  private long lastSent;
  /**
   * The catch-up reads messages only up to where the room stood at the join; later ones reach this
   * socket through the room (and the socket's access checks), never straight from a read that may
   * already see a message committed after its owner lost access.
   */
  private long catchUpTo = Long.MAX_VALUE;
  private boolean live;
  /** Its owner's access ended: nothing more is sent, not even what waits for the catch-up. */
  private volatile boolean revoked;
  private boolean closed;

  /** {@code channel}: the socket's TCP connection (null when unknown), to cap its kernel buffer and drop it when stalled. */
  Outbox(ServerWebSocket ws, Channel channel, SqlClient db, long circleId, long readerId) {
    this.out = new SocketWriter(ws, channel);
    this.db = db;
    this.circleId = circleId;
    this.readerId = readerId;
  }

  /**
   * Catches up from {@code joined} (where the room stood when this socket joined it: everything later
   * reaches the buffer) and answers once live. {@code changes} null: the client asks for no change replay.
   * A client may be ahead of this node (served by a node that heard more while this one's LISTEN
   * connection was being replaced, or while it was paused): nothing at or below the seq and change
   * number it names is sent again, whatever this node has delivered, and what it lacks reaches it through
   * the room as this node catches up (reading past the room's position could overtake a revocation this
   * node has not heard yet: see catchUpTo). A client naming a seq it cannot have gets nothing up to it.
   */
  Future<Void> start(CircleHub.Position joined, Long after, Long changes) {
    long upTo = joined.change();
    long resumeSeq;
    synchronized (this) {
      lastSent = after == null ? joined.seq() : after;
      lastChange = changes == null ? upTo : Math.max(changes, upTo);
      resumeSeq = lastSent;
      catchUpTo = joined.seq();
    }
    Future<Void> caughtUp = catchUp();
    if (changes != null) {
      caughtUp = caughtUp.compose(v -> catchUpChanges(Math.min(changes, upTo), upTo, resumeSeq));
    }
    return caughtUp.compose(v -> {
      synchronized (this) {
        return out.send(new JsonObject().put("type", "ready").put("seq", lastSent).put("change", lastChange).encode());
      }
    }).compose(v -> goLive());
  }

  /** Batch by batch; the next batch is read from PostgreSQL once the client has taken the last one. */
  private Future<Void> catchUp() {
    long from;
    synchronized (this) {
      from = lastSent;
    }
    if (from >= catchUpTo) {
      return Future.succeededFuture();
    }
    return MessageRepository.readableAfter(db, circleId, readerId, from, CATCH_UP_BATCH).compose(list -> {
      Future<Void> last = Future.succeededFuture();
      int replayed = 0;
      synchronized (this) {
        for (Message m : list) {
          if (m.seq() > lastSent && m.seq() <= catchUpTo) {
            last = out.send(m.toJson().put("type", "message").encode());
            lastSent = m.seq();
            replayed++;
          }
        }
      }
      ChatMetrics.replayed(replayed);
      return list.size() == CATCH_UP_BATCH && lastSent < catchUpTo ? last.compose(v -> catchUp()) : Future.succeededFuture();
    });
  }

  /**
   * The current state of each message the client already had (seq at most {@code maxSeq}) changed in
   * (from, upTo], in change order. Newer messages were just sent in their current state, and changes
   * after {@code upTo} reach the buffer, so nothing is missed and nothing is sent twice.
   */
  private Future<Void> catchUpChanges(long from, long upTo, long maxSeq) {
    if (from >= upTo) {
      return Future.succeededFuture();
    }
    return MessageRepository.missedChanges(db, circleId, readerId, from, upTo, maxSeq, CATCH_UP_BATCH).compose(list -> {
      Future<Void> last = Future.succeededFuture();
      for (Message m : list) {
        last = out.send(m.toChangeJson().encode());
      }
      return list.size() < CATCH_UP_BATCH ? last
          : last.compose(v -> catchUpChanges(list.get(list.size() - 1).changeNo(), upTo, maxSeq));
    });
  }

  /**
   * Flushes what arrived during catch-up (skipping seqs already sent) and, once the client has taken
   * it, flushes again; live only when nothing is left, so live writes start from an empty queue.
   */
  private Future<Void> goLive() {
    Future<Void> last = null;
    synchronized (this) {
      if (closed) {
        return Future.failedFuture("closed");
      }
      if (buffered.isEmpty()) {
        buffered = null;
        live = true;
      } else {
        last = Future.succeededFuture();
        for (Held h : buffered) {
          if (isNew(h.seq(), h.change())) {
            last = out.send(h.frame());
            lastSent = Math.max(lastSent, h.seq());
            lastChange = Math.max(lastChange, h.change());
          }
        }
        buffered.clear();
      }
    }
    return last == null ? Future.succeededFuture() : last.compose(v -> goLive());
  }

  /** Called under the room's lock, in seq order. */
  synchronized void deliverMessage(long seq, String frame) {
    deliver(seq, NO_SEQ, frame);
  }

  /** A frame with no seq (presence, typing, profile cards): never deduplicated. */
  synchronized void deliverEvent(String frame) {
    deliver(NO_SEQ, NO_SEQ, frame);
  }

  /** An edit or deletion, in change order: while catching up, one the replay already covered is dropped. */
  synchronized void deliverChange(long change, String frame) {
    deliver(NO_SEQ, change, frame);
  }

  /** While catching up, frames wait in order (bounded); once live, a message is sent only past the last seq sent. */
  private void deliver(long seq, long change, String frame) {
    if (closed || revoked) {
      return;
    }
    if (!live) {
      if (buffered.size() >= MAX_BUFFERED) {
        out.fallBehind();
        return;
      }
      buffered.add(new Held(seq, change, frame));
    } else if (isNew(seq, change)) {
      write(frame);
      lastSent = Math.max(lastSent, seq);
      lastChange = Math.max(lastChange, change);
    }
  }

  /** A message above the last seq sent, a change above the last change sent, or any other event. */
  private boolean isNew(long seq, long change) {
    return seq != NO_SEQ ? seq > lastSent : change == NO_SEQ || change > lastChange;
  }

  /** Its owner lost access: drops what waits and sends nothing more (acks and errors included). */
  synchronized void revoke() {
    revoked = true;
    out.revoke();
    if (buffered != null) {
      buffered.clear();
    }
  }

  /** Marks the socket closed; true when it had been live (its presence was announced). */
  synchronized boolean closed() {
    boolean wasLive = live;
    live = false;
    closed = true;
    return wasLive;
  }

  /** Live frames, acks and errors: a socket with more than writeQueueBytes unsent is closed, not fed. */
  void write(String frame) {
    out.write(frame);
  }

  void closeIfStalled(long now) {
    out.closeIfStalled(now);
  }
}
