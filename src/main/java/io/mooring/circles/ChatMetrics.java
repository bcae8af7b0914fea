package io.mooring.circles;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chat's own figures on /metrics (see platform.metrics): sockets open, messages committed, frames delivered,
 * catch-up replays, commit-to-delivery lag, and slow readers closed. Recorded into Micrometer's global
 * registry: one set per process whatever the number of hubs, and nowhere when metrics are off (tests).
 */
final class ChatMetrics {
  private static final AtomicInteger SOCKETS = Metrics.gauge("mooring.chat.sockets.open", new AtomicInteger());
  private static final Counter COMMITTED = Counter.builder("mooring.chat.messages.committed")
      .description("Messages stored and acknowledged (a resend of the same clientMsgId is not counted)").register(Metrics.globalRegistry);
  private static final Counter DELIVERED = Counter.builder("mooring.chat.deliveries")
      .description("Message frames handed to live sockets on this node").register(Metrics.globalRegistry);
  private static final Counter REPLAYED = Counter.builder("mooring.chat.catchup.replays")
      .description("Messages sent from history to a socket that joined or resumed").register(Metrics.globalRegistry);
  private static final Counter SLOW_CLOSED = Counter.builder("mooring.chat.slow.consumer.closes")
      .description("Sockets closed with 4429 because their reader fell behind").register(Metrics.globalRegistry);
  private static final Timer LAG = Timer.builder("mooring.chat.delivery.lag")
      .description("From a message's insert to its frame reaching this node's sockets (NOTIFY, read, fan-out)")
      .register(Metrics.globalRegistry);

  private ChatMetrics() {}

  static void socketOpened() {
    SOCKETS.incrementAndGet();
  }

  static void socketClosed() {
    SOCKETS.decrementAndGet();
  }

  static void committed() {
    COMMITTED.increment();
  }

  /** One message fanned out to {@code sockets} local sockets; {@code at} is when it was inserted. */
  static void delivered(int sockets, OffsetDateTime at) {
    if (sockets > 0) {
      DELIVERED.increment(sockets);
    }
    if (at != null) {
      LAG.record(Duration.between(at.toInstant(), java.time.Instant.now()));
    }
  }

  static void replayed(int messages) {
    REPLAYED.increment(messages);
  }

  static void slowConsumerClosed() {
    SLOW_CLOSED.increment();
  }
}
