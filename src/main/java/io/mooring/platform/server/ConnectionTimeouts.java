package io.mooring.platform.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.mooring.platform.config.EdgeLimits;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes an HTTP/1.x connection whose client is too slow: no complete request head within the
 * head timeout of connecting or of the previous response (a deadline, so trickling bytes does not
 * extend it), or a request body that goes silent for the body idle timeout. Time the server
 * spends answering is not counted. Once the connection becomes a WebSocket (a 101 response) this
 * handler steps out: chat sockets are long-lived and idle by nature, and the server's
 * {@code idleTimeout} stays 0 for that reason.
 */
final class ConnectionTimeouts extends ChannelDuplexHandler {
  private static final Logger log = LoggerFactory.getLogger(ConnectionTimeouts.class);

  private final long headMillis;
  private final long bodyIdleMillis;
  // HTTP/1.1 pipelining lets heads run ahead of responses; the connection waits only when they are level.
  private long requestsRead;
  private long responsesWritten;
  private boolean readingBody;
  private ScheduledFuture<?> timer;

  ConnectionTimeouts(EdgeLimits limits) {
    this.headMillis = limits.headTimeout().toMillis();
    this.bodyIdleMillis = limits.bodyIdleTimeout().toMillis();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    arm(ctx, headMillis, "no complete request head");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      requestsRead++;
      readingBody = !(msg instanceof LastHttpContent);
      cancel();
      if (readingBody) {
        arm(ctx, bodyIdleMillis, "request body stalled");
      }
    } else if (msg instanceof HttpContent && readingBody) {
      cancel();
      if (msg instanceof LastHttpContent) {
        readingBody = false;
      } else {
        arm(ctx, bodyIdleMillis, "request body stalled");
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg, promise);
    if (msg instanceof HttpResponse r && r.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
      cancel();
      ctx.pipeline().remove(this);
    } else if (msg instanceof LastHttpContent) {
      responsesWritten++;
      if (responsesWritten >= requestsRead && !readingBody) {
        arm(ctx, headMillis, "no complete request head");
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancel();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  private void arm(ChannelHandlerContext ctx, long millis, String reason) {
    cancel();
    timer = ctx.executor().schedule(() -> {
      log.debug("closing connection from {}: {} within {} ms", ctx.channel().remoteAddress(), reason, millis);
      ctx.close();
    }, millis, TimeUnit.MILLISECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
