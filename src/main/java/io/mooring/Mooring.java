package io.mooring;

import io.mooring.platform.auth.Keys;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.config.EdgeLimits;
import io.mooring.platform.http.ApiContract;
import io.mooring.platform.server.ConnectionsPerAddress;
import io.mooring.platform.server.HttpVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;
import java.net.ServerSocket;
import java.io.IOException;

/**
 * Wires one Mooring server: services over a pool, the router, one HTTP server per event loop.
 * Main and the tests both start the server through here.
 */
public final class Mooring {
  private final Services services;
  private final int port;
  private final String deploymentId;

  private Mooring(Services services, int port, String deploymentId) {
    this.services = services;
    this.port = port;
    this.deploymentId = deploymentId;
  }

  public static Future<Mooring> start(Vertx vertx, AppConfig config, Pool pool, Keys keys) {
    return start(vertx, config, pool, keys, ApiContract.load(vertx));
  }

  /** With the API contract already loading (Main starts that while the database starts). */
  public static Future<Mooring> start(Vertx vertx, AppConfig config, Pool pool, Keys keys, Future<ApiContract> contract) {
    return start(vertx, config, pool, keys, contract, EdgeLimits.fromEnv(System.getenv()));
  }

  /** With explicit connection limits (tests use short timeouts). */
  public static Future<Mooring> start(Vertx vertx, AppConfig config, Pool pool, Keys keys, Future<ApiContract> contract, EdgeLimits limits) {
    int port = config.port() == 0 ? freePort() : config.port();
    // Services learn the real port: links in e-mails point at it when MOORING_PUBLIC_URL is not set.
    Services services = Services.create(vertx, config.withPort(port), pool, keys);
    HttpServerOptions http = new HttpServerOptions()
        .setPort(port)
        .setHost(config.host())
        .setCompressionSupported(true)
        .setMaxWebSocketFrameSize(64 * 1024)
        // A message in several frames is held to the same 64 kB (Vert.x's default would gather up to 256 kB).
        .setMaxWebSocketMessageSize(64 * 1024)
        // Chat frames are 100-400 bytes: per-message deflate saves little and costs ~100 kB per idle socket.
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        // No idle timeout on the server: it would also cut idle chat WebSockets. Slow HTTP clients are
        // closed by the per-connection timeouts in HttpVerticle, which step aside on a WebSocket upgrade.
        .setIdleTimeout(0)
        // Only HTTP/1.x, so every connection passes the strict request decoder (no h2c upgrade path).
        .setHttp2ClearTextEnabled(false);
    ConnectionsPerAddress perAddress = new ConnectionsPerAddress(limits.maxConnectionsPerAddress());
    return contract.compose(api -> services.start()
        .compose(v -> vertx.deployVerticle(() -> new HttpVerticle(() -> Routes.create(services, api), http, limits, perAddress),
            new DeploymentOptions().setInstances(config.eventLoops()))))
        .map(id -> new Mooring(services, port, id));
  }

  public int port() {
    return port;
  }

  public Services services() {
    return services;
  }

  /** Stops accepting, lets in-flight requests finish, closes sockets and background work. */
  public Future<Void> stop() {
    return services.vertx().undeploy(deploymentId).compose(v -> services.stop());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
