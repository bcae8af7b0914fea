package io.mooring.platform.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** One HTTP server per event loop; Vert.x shares the port between instances. */
public final class HttpVerticle extends VerticleBase {
  private final Supplier<Router> routerFactory;
  private final HttpServerOptions options;
  private HttpServer server;

  public HttpVerticle(Supplier<Router> routerFactory, HttpServerOptions options) {
    this.routerFactory = routerFactory;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(options)
        .requestHandler(routerFactory.get())
        .listen()
        .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
