package io.mooring.circles;

import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers this node's chat sends into batches written by one statement each (see {@link SendBatch}).
 * A send goes out at once when fewer than {@link #maxInFlight} batches are being written; otherwise it
 * waits for one to finish, so under load batches grow by themselves (about rate x commit time each) and
 * PostgreSQL pays the per-transaction work once per batch, while a lone send waits for nothing.
 * {@link #lingerMs} &gt; 0 also holds a send that long for company. Bounded: past {@link #MAX_WAITING}
 * waiting sends a new one is refused with TOO_MANY (the client may retry with the same clientMsgId).
 */
final class SendQueue {
  private static final Logger LOG = LoggerFactory.getLogger(SendQueue.class);
  static final int MAX_WAITING = 5000;
  /**
   * Batches written at once; each holds one pooled connection. Two, not one: with one, a send arriving
   * while a batch commits waits for that whole commit before its own starts, which put the ack and delivery
   * p99 at 50 x 5/s 2-4 ms above the code before batching (13.6-15.2 against 10.8-11.8 ms); with two it
   * is level (9.3-12.3 against 9.5-11.8 ms) and batches still form once both are busy (ops/bench/RESULTS.md, issue 13).
   */
  static volatile int maxInFlight = Integer.getInteger("mooring.sendInFlight", 2);
  static volatile int maxBatch = Integer.getInteger("mooring.sendBatchMax", 100);
  static volatile int lingerMs = Integer.getInteger("mooring.sendLingerMs", 0);

  private final Vertx vertx;
  private final Pool pool;
  /** A send on its own (MessageRepository.SEND), for the sends of a batch whose statement failed. */
  private final Function<SendBatch.Request, Future<SendBatch.Outcome>> alone;
  /** Guarded by this. */
  private final ArrayDeque<SendBatch.Request> waiting = new ArrayDeque<>();
  private int inFlight;
  private boolean lingering;

  SendQueue(Vertx vertx, Pool pool, Function<SendBatch.Request, Future<SendBatch.Outcome>> alone) {
    this.vertx = vertx;
    this.pool = pool;
    this.alone = alone;
  }

  Future<SendBatch.Outcome> submit(long circleId, long authorId, UUID session, String clientMsgId, String body, Long replyTo) {
    Promise<SendBatch.Outcome> result = Promise.promise();
    SendBatch.Request r = new SendBatch.Request(circleId, authorId, session, clientMsgId, body, replyTo, result, Vertx.currentContext());
    boolean linger;
    synchronized (this) {
      if (waiting.size() >= MAX_WAITING) {
        return Future.failedFuture(new AppException(ErrorCode.TOO_MANY, "The chat is busy; send again in a moment."));
      }
      waiting.add(r);
      linger = lingerMs > 0 && waiting.size() < maxBatch && !lingering;
      lingering |= linger;
    }
    if (linger) {
      vertx.setTimer(lingerMs, t -> {
        synchronized (this) {
          lingering = false;
        }
        drain();
      });
    } else {
      drain();
    }
    return result.future();
  }

  /** Starts batches while there are waiting sends and room in flight (not while a linger runs, unless a batch is full). */
  private void drain() {
    while (true) {
      List<SendBatch.Request> batch;
      synchronized (this) {
        if (waiting.isEmpty() || inFlight >= maxInFlight || (lingering && waiting.size() < maxBatch)) {
          return;
        }
        batch = take();
        inFlight++;
      }
      write(batch).onComplete(ar -> {
        synchronized (this) {
          inFlight--;
        }
        drain();
      });
    }
  }

  /** Up to maxBatch waiting sends in arrival order, one per author (a later send of the same author waits for the next batch). */
  private List<SendBatch.Request> take() {
    List<SendBatch.Request> batch = new ArrayList<>();
    Set<Long> authors = new HashSet<>();
    for (Iterator<SendBatch.Request> it = waiting.iterator(); it.hasNext() && batch.size() < maxBatch; ) {
      SendBatch.Request r = it.next();
      if (authors.add(r.authorId())) {
        batch.add(r);
        it.remove();
      }
    }
    return batch;
  }

  /**
   * The batch, or, when its statement failed (nothing of it committed), each send alone. A batch of one
   * goes alone too: on a quiet database most batches hold one send, and there the one-send statement
   * measured cheaper per message than the batched one (RESULTS.md, issue 17).
   */
  private Future<Void> write(List<SendBatch.Request> batch) {
    if (batch.size() == 1 && lingerMs == 0) {
      SendBatch.Request r = batch.get(0);
      return alone.apply(r).onSuccess(r::answer).onFailure(r::fail).<Void>mapEmpty().otherwiseEmpty();
    }
    return SendBatch.run(pool, batch, ChatService.sendLimit).recover(e -> {
      LOG.debug("a batch of {} sends failed as a whole, sending each alone: {}", batch.size(), e.getMessage());
      List<Future<SendBatch.Outcome>> each = new ArrayList<>();
      for (SendBatch.Request r : batch) {
        each.add(alone.apply(r).onSuccess(r::answer).onFailure(r::fail));
      }
      return Future.join(each).mapEmpty();
    }).otherwiseEmpty();
  }
}
