package io.mooring.platform.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.VertxHandler;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets go of the HTTP/1 connection a WebSocket was upgraded from. In Vert.x 5.0.10 (and its main branch
 * as of 2026-11) {@code ServerWebSocketHandshaker.acceptHandshake} puts a new {@code VertxHandler} in the
 * pipeline whose connection factory is a lambda that captured the upgrade request; the handler keeps
 * that lambda for the channel's whole life, so every open WebSocket keeps its old {@code Http1xServerConnection}
 * (with a 4 kB outbound queue chunk), the request, the response and both header maps reachable: measured
 * at ~7 kB of heap per idle chat socket (ops/bench/RESULTS.md, "Issue 17: idle sockets"). The factory runs
 * once, when the handler is added, which is done before the upgrade's future completes, so clearing it
 * afterwards changes nothing else. Vert.x offers no setting for this; when its internals differ (another
 * version) nothing is cleared and one warning says so.
 */
public final class UpgradedConnections {
  private static final Logger log = LoggerFactory.getLogger(UpgradedConnections.class);
  private static final Field FACTORY = factoryField();

  private UpgradedConnections() {}

  /**
   * Call on the socket's event loop once {@code toWebSocket()} has succeeded, with the TCP channel under it.
   * Also empties the socket's copy of the handshake's request headers, which Vert.x keeps for the socket's
   * life: nothing reads them once the socket is open, and they carry the client's bearer token.
   * True when the upgraded request and its connection are no longer held by the channel.
   */
  public static boolean release(ServerWebSocket ws, Channel channel) {
    try {
      ws.headers().clear();
    } catch (IllegalStateException readOnly) {
      // Another Vert.x may hand out read-only headers: they are then kept, nothing else changes.
    }
    if (FACTORY == null || channel == null) {
      return false;
    }
    ChannelHandler handler = channel.pipeline().get("handler");
    if (!(handler instanceof VertxHandler<?> vertx) || vertx.getConnection() == null) {
      return false;
    }
    try {
      FACTORY.set(vertx, null);
      return true;
    } catch (IllegalAccessException e) {
      return false;
    }
  }

  private static Field factoryField() {
    try {
      Field f = VertxHandler.class.getDeclaredField("connectionFactory");
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("WebSocket upgrades keep their HTTP/1 connection (~7 kB each): this Vert.x has no VertxHandler.connectionFactory ({})",
          e.toString());
      return null;
    }
  }
}
