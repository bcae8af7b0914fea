package io.mooring.platform.server;

import io.mooring.platform.config.EdgeLimits;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server per event loop; Vert.x shares the port between instances. Each new connection
 * gets the edge rules before its first byte is read: a strict request decoder (no smuggling
 * shapes, Host required, HTTP/1.x only), the slow-client timeouts and the per-address cap.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(HttpVerticle.class);

  private final Supplier<Router> routerFactory;
  private final HttpServerOptions options;
  private final EdgeLimits limits;
  private final ConnectionsPerAddress perAddress;
  private HttpServer server;

  public HttpVerticle(Supplier<Router> routerFactory, HttpServerOptions options, EdgeLimits limits, ConnectionsPerAddress perAddress) {
    this.routerFactory = routerFactory;
    this.options = options;
    this.limits = limits;
    this.perAddress = perAddress;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(options)
        .connectionHandler(this::guard)
        .invalidRequestHandler(EdgeResponses::invalidRequest)
        .exceptionHandler(ClientDisconnects::log)
        .requestHandler(routerFactory.get())
        .listen()
        .onSuccess(s -> server = s);
  }

  private void guard(HttpConnection connection) {
    // Vert.x's HTTP/1.x connections are Netty channels underneath; HTTP/2 is not offered (no TLS, h2c off).
    if (!(connection instanceof ConnectionBase base)) {
      return;
    }
    Channel channel = base.channel();
    String address = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().hostAddress();
    if (!perAddress.tryOpen(address)) {
      log.debug("refusing a connection from {}: it already holds {}", address, perAddress.max());
      channel.config().setAutoRead(false);
      EdgeResponses.refuseConnection(channel, 429,
          "This address already holds " + perAddress.max() + " open connections; close some and try again.", 10);
      return;
    }
    channel.closeFuture().addListener(closed -> perAddress.closed(address));
    connection.exceptionHandler(ClientDisconnects::log);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.replace("httpDecoder", "httpDecoder", new StrictRequestDecoder(options));
    pipeline.addAfter("httpEncoder", "mooringTimeouts", new ConnectionTimeouts(limits));
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
