package io.mooring.circles;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * Writes to one chat socket and bounds what a client that stops reading can hold: at most
 * {@link Outbox#writeQueueBytes} unsent in the JVM, a kernel send buffer capped at
 * {@link #SEND_BUFFER_BYTES} (twice that in kernel accounting), and the connection itself: closed with
 * {@link Outbox#FELL_BEHIND} when over budget or when waiting bytes make no progress for {@link #stallMs}
 * (seen by the node's once-a-second check: closed at most two checks later), and reset {@link #closeGraceMs} later if it cannot take even the close frame.
 */
final class SocketWriter {
  /**
   * The kernel's send buffer per chat socket (Linux doubles it and stops autotuning it, which had grown
   * it to ~3.7 MB for a client that stopped reading). 64 kB is ~200 chat frames in flight per socket.
   */
  static final int SEND_BUFFER_BYTES = 64 * 1024;
  /** A socket with bytes waiting that has taken nothing for this long is closed as fallen behind. */
  static volatile long stallMs = 15_000;
  /** How long a fallen-behind socket gets to take its close frame before its connection is reset. */
  static volatile long closeGraceMs = 5_000;
  private static final AtomicLongFieldUpdater<SocketWriter> PENDING = AtomicLongFieldUpdater.newUpdater(SocketWriter.class, "pendingBytes");

  private final ServerWebSocket ws;
  private final Channel channel;
  private volatile boolean fellBehind;
  /** Its owner lost access: nothing more is written (see Outbox#revoke). */
  private volatile boolean revoked;
  /** Bytes handed to the socket and not yet written to the kernel. */
  private volatile long pendingBytes;
  /** Set when the kernel takes a frame; cleared by the stall check, so the per-frame path reads no clock. */
  private volatile boolean progressed;
  /** Since when (epoch ms) the stall check has seen bytes waiting with no progress; 0: not waiting. Stall check only. */
  private long waitingSince;

  /** {@code channel}: the socket's TCP connection (null when unknown: then only the JVM-side budget applies). */
  SocketWriter(ServerWebSocket ws, Channel channel) {
    this.ws = ws;
    this.channel = channel;
    if (channel != null) {
      channel.config().setOption(ChannelOption.SO_SNDBUF, SEND_BUFFER_BYTES);
    }
  }

  void revoke() {
    revoked = true;
  }

  /** Live frames, acks and errors: a socket with more than writeQueueBytes unsent is closed, not fed. */
  void write(String frame) {
    if (fellBehind || revoked || ws.isClosed()) {
      return;
    }
    if (pendingBytes > Outbox.writeQueueBytes) {
      fallBehind();
    } else {
      counted(frame);
    }
  }

  /** Writes and counts the bytes until Netty has handed them to the kernel. */
  Future<Void> send(String frame) {
    if (revoked || ws.isClosed()) {
      return Future.failedFuture("closed");
    }
    return counted(frame);
  }

  /** The socket was found open just before: one isClosed() per frame (a synchronized call on Vert.x's side), not two. */
  private Future<Void> counted(String frame) {
    long size = frame.length();
    PENDING.addAndGet(this, size);
    return ws.writeTextMessage(frame).andThen(ar -> {
      PENDING.addAndGet(this, -size);
      progressed = true;
    });
  }

  /**
   * A client that stopped reading with frames waiting is closed even when nothing new is sent to it.
   * Called by one periodic check (every second), which alone keeps {@link #waitingSince}: bytes that wait
   * through checks {@link #stallMs} apart with no frame taken in between mean a stalled reader.
   */
  void closeIfStalled(long now) {
    boolean moved = progressed;
    progressed = false;
    if (fellBehind || pendingBytes == 0) {
      waitingSince = 0;
    } else if (moved || waitingSince == 0) {
      waitingSince = now;
    } else if (now - waitingSince > stallMs) {
      fallBehind();
    }
  }

  /**
   * Closes with {@link Outbox#FELL_BEHIND}; a client too stalled to take even the close frame is reset
   * after {@link #closeGraceMs}, so the kernel frees its buffer at once. (Vert.x starts its own closing
   * timeout only once the close frame is written, which for such a client is never, and a channel close
   * passes through Vert.x, which sends the close frame again: the reset goes straight to the transport.)
   */
  void fallBehind() {
    if (!fellBehind) {
      ChatMetrics.slowConsumerClosed();
    }
    fellBehind = true;
    if (!ws.isClosed()) {
      ws.close(Outbox.FELL_BEHIND, "You fell behind: reconnect with after=<last seq>&changes=<last change> to resume.");
    }
    if (channel != null) {
      channel.eventLoop().schedule(() -> {
        if (channel.isOpen()) {
          channel.config().setOption(ChannelOption.SO_LINGER, 0);
          channel.unsafe().close(channel.voidPromise());
        }
      }, closeGraceMs, TimeUnit.MILLISECONDS);
    }
  }
}
