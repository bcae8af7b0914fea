package io.mooring.platform.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.util.internal.shaded.org.jctools.queues.MpscUnboundedArrayQueue;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.concurrent.OutboundMessageQueue;
import io.vertx.core.net.impl.VertxConnection;
import io.vertx.core.net.impl.VertxHandler;
import io.vertx.core.streams.impl.MessagePassingQueue;
import java.lang.reflect.Field;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trims what Vert.x 5.0.10 keeps for every open WebSocket (measured with heap dumps in ops/bench/RESULTS.md,
 * "Issue 17: 10,000 idle sockets"; Vert.x has no setting for either):
 * <ul>
 *   <li>the HTTP/1 connection it was upgraded from. {@code ServerWebSocketHandshaker.acceptHandshake} puts a
 *       new {@code VertxHandler} in the pipeline whose connection factory is a lambda that captured the
 *       request and its connection, and the handler keeps it for the channel's life: the old connection
 *       (with its 4 kB outbound queue chunk), the request, the response and their headers stay reachable.
 *       The factory runs once, when the handler is added, before the upgrade's future completes, so
 *       clearing it afterwards changes nothing else;</li>
 *   <li>the socket's outbound queue: an unbounded JCTools MPSC queue whose chunks Netty sizes at 1,024
 *       slots (4 kB) and allocates at once. While still empty it is swapped for the same kind of queue with
 *       16-slot chunks: the same unbounded multi-producer queue, which links more chunks when frames
 *       wait (a burst allocates a 16-slot chunk per 16 waiting frames);</li>
 *   <li>the handshake's request headers, bearer token included, which nothing reads once the socket is open.</li>
 * </ul>
 * When Vert.x's internals differ (another version) the part that does not fit is left alone and one warning says so.
 */
public final class UpgradedConnections {
  private static final Logger log = LoggerFactory.getLogger(UpgradedConnections.class);
  static final int QUEUE_CHUNK = 16;
  private static final Field FACTORY = field(VertxHandler.class, "connectionFactory");
  private static final Field OUTBOUND = field(VertxConnection.class, "outboundMessageQueue");
  private static final Field MESSAGES = field(OutboundMessageQueue.class, "mqp");
  private static final Field QUEUE = field(MessagePassingQueue.class, "queue");

  private UpgradedConnections() {}

  /**
   * Call on the socket's event loop once {@code toWebSocket()} has succeeded, before the socket is handed to
   * anything that writes to it, with the TCP channel under it. True when the upgraded request and its
   * connection are no longer held by the channel and the outbound queue was trimmed.
   */
  public static boolean release(ServerWebSocket ws, Channel channel) {
    try {
      ws.headers().clear();
    } catch (IllegalStateException readOnly) {
      // Another Vert.x may hand out read-only headers: they are then kept, nothing else changes.
    }
    if (channel == null || !(channel.pipeline().get("handler") instanceof VertxHandler<?> handler) || handler.getConnection() == null) {
      return false;
    }
    return set(FACTORY, handler, null) && smallerOutboundQueue(handler.getConnection());
  }

  private static boolean smallerOutboundQueue(VertxConnection connection) {
    try {
      Object outbound = OUTBOUND == null ? null : OUTBOUND.get(connection);
      Object messages = outbound instanceof OutboundMessageQueue<?> && MESSAGES != null ? MESSAGES.get(outbound) : null;
      Object queue = messages != null && QUEUE != null ? QUEUE.get(messages) : null;
      return queue instanceof MpscUnboundedArrayQueue<?> q && q.isEmpty()
          && set(QUEUE, messages, new MpscUnboundedArrayQueue<Object>(QUEUE_CHUNK));
    } catch (IllegalAccessException e) {
      return false;
    }
  }

  private static boolean set(Field f, Object target, Object value) {
    try {
      if (f != null) {
        f.set(target, value);
        return true;
      }
    } catch (IllegalAccessException e) {
      log.debug("could not set {}: {}", f, e.toString());
    }
    return false;
  }

  private static Field field(Class<?> owner, String name) {
    try {
      Field f = owner.getDeclaredField(name);
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("WebSocket upgrades keep more memory than needed: this Vert.x has no {}.{} ({})", owner.getSimpleName(), name, e.toString());
      return null;
    }
  }
}
