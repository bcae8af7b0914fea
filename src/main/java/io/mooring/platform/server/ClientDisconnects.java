package io.mooring.platform.server;

import io.netty.handler.codec.PrematureChannelClosureException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that goes away (closes a half-sent request, resets, times out) is routine, not an
 * error of ours: one debug line, no stack trace. Anything else a connection reports is a warning.
 */
public final class ClientDisconnects {
  private static final Logger log = LoggerFactory.getLogger(ClientDisconnects.class);

  private ClientDisconnects() {}

  public static boolean isClientGone(Throwable t) {
    return t instanceof HttpClosedException || t instanceof IOException || t instanceof PrematureChannelClosureException
        || (t instanceof VertxException v && "Connection was closed".equals(v.getMessage()));
  }

  static void log(Throwable t) {
    if (isClientGone(t)) {
      log.debug("client connection ended: {}", t.toString());
    } else {
      log.warn("HTTP connection failed: {}", t.toString());
    }
  }
}
