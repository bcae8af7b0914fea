package io.mooring.circles;

import io.mooring.platform.auth.AuthHandler;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.mooring.platform.http.Http;
import io.mooring.platform.server.UpgradedConnections;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** The handshake of a circle's live socket: who may open it, from where, and from which seq it resumes. */
final class LiveApi {
  private final CircleService circles;
  private final ChatService chat;

  LiveApi(CircleService circles, ChatService chat) {
    this.circles = circles;
    this.chat = chat;
  }

  /** The WebSocket: cookie sessions must come from this server's own pages (no cross-site hijacking). */
  void live(RoutingContext ctx) {
    if (!isWebSocketHandshake(ctx)) {
      // A plain GET here is a client mistake, not a server fault: say what to send instead.
      ctx.response().putHeader(HttpHeaders.UPGRADE, "websocket");
      throw new AppException(ErrorCode.UPGRADE_REQUIRED, "This address is a WebSocket: connect with Upgrade: websocket.");
    }
    CurrentUser me = CurrentUser.of(ctx);
    long circleId = Http.pathId(ctx, "circleId");
    Long after = ctx.request().getParam("after") == null ? null : Http.queryLong(ctx, "after", 0, 0, Long.MAX_VALUE);
    Long changes = ctx.request().getParam("changes") == null ? null : Http.queryLong(ctx, "changes", 0, 0, Long.MAX_VALUE);
    boolean viaCookie = ctx.request().getHeader("Authorization") == null && ctx.request().getCookie(AuthHandler.COOKIE) != null;
    if (viaCookie && !sameOrigin(ctx)) {
      throw new AppException(ErrorCode.FORBIDDEN, "This socket only opens from Mooring's own pages.");
    }
    // The TCP connection under the socket (vertx-web wraps the socket itself): its kernel buffer is capped, and it is dropped when stalled.
    var channel = ctx.request().connection() instanceof io.vertx.core.net.impl.ConnectionBase c ? c.channel() : null;
    circles.member(me, circleId)
        .compose(c -> ctx.request().toWebSocket())
        .onSuccess(ws -> {
          // Vert.x would keep the upgraded request, its headers and its HTTP/1 connection for the socket's life (~7 kB each).
          UpgradedConnections.release(ws, channel);
          new LiveSocket(ws, channel, me, circleId, chat, circles.hub()).start(after, changes);
        })
        .onFailure(ctx::fail);
  }

  static boolean isWebSocketHandshake(RoutingContext ctx) {
    var h = ctx.request().headers();
    return h.contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true) && h.contains(HttpHeaders.CONNECTION, HttpHeaders.UPGRADE, true)
        && h.get("Sec-WebSocket-Key") != null && "13".equals(h.get("Sec-WebSocket-Version"));
  }

  static boolean sameOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    String host = ctx.request().getHeader("Host");
    return origin != null && host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }
}
