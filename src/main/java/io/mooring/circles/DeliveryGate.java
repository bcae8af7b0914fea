package io.mooring.circles;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Stands between a room and one socket's {@link Outbox}: frames pass straight through, wait in order
 * while the owner's access is being checked (see {@link SocketGuard}), and stop for good once access
 * ended. Lock order: room, then gate, then outbox.
 */
final class DeliveryGate {
  /** Frames that may wait for one check; a socket past it is closed like one that fell behind, and resumes. */
  static final int MAX_HELD = Outbox.MAX_BUFFERED;
  /** What {@link #offer} answers when the frame went through or waits. */
  static final short PASSED = 0;

  /** Frames waiting for the checks under way, oldest first; null while none runs. */
  private List<Runnable> held = new ArrayList<>();
  /** Checks under way; a socket starts with one, its opening check. */
  private int holds = 1;
  private boolean shut;
  /** When the session behind the socket expires (epoch ms): nothing is delivered past it. */
  private volatile long sessionEndsAt = Long.MAX_VALUE;

  /** Runs {@code delivery} now, or later in order; else the code to close the socket with. */
  synchronized short offer(Runnable delivery) {
    short refused = refusal();
    if (refused != PASSED || shut) {
      return refused;
    }
    if (held == null) {
      delivery.run();
    } else if (held.size() < MAX_HELD) {
      held.add(delivery);
    } else {
      return Outbox.FELL_BEHIND;
    }
    return PASSED;
  }

  /**
   * A message frame, the one delivery per socket per message: straight to the outbox with nothing allocated
   * when no check is under way (the common case), else waiting like any other frame.
   */
  synchronized short offerMessage(Outbox out, long seq, String frame, LongPredicate visible) {
    if (held == null && !shut) {
      short refused = refusal();
      if (refused == PASSED && visible.test(seq)) {
        out.deliverMessage(seq, frame);
      }
      return refused;
    }
    return offer(() -> {
      if (visible.test(seq)) {
        out.deliverMessage(seq, frame);
      }
    });
  }

  private short refusal() {
    return !shut && System.currentTimeMillis() >= sessionEndsAt ? SocketAccess.SESSION_ENDED : PASSED;
  }

  /** A check starts: frames wait from now until it (and every other one under way) has passed. */
  synchronized void hold() {
    if (!shut) {
      holds++;
      if (held == null) {
        held = new ArrayList<>();
      }
    }
  }

  /** A check passed: the session's (possibly new) end, and, when it was holding, one hold fewer. */
  synchronized void passed(long sessionEndsAtMillis, boolean wasHolding) {
    sessionEndsAt = sessionEndsAtMillis;
    if (shut || !wasHolding || holds == 0) {
      return;
    }
    holds--;
    if (holds == 0) {
      List<Runnable> due = held;
      held = null;
      due.forEach(Runnable::run);
    }
  }

  /** Access ended (or the socket closes): waiting frames are dropped and nothing passes any more. False: already shut. */
  synchronized boolean shut() {
    boolean was = shut;
    shut = true;
    held = null;
    return !was;
  }

  synchronized boolean isShut() {
    return shut;
  }

  boolean sessionEnded(long now) {
    return now >= sessionEndsAt;
  }
}
