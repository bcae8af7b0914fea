package io.mooring.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Security headers on every response: no inline script, no framing, no sniffing. */
public final class SecurityHeaders implements Handler<RoutingContext> {
  static final String CSP = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  private final boolean tls;

  public SecurityHeaders(boolean tls) {
    this.tls = tls;
  }

  @Override
  public void handle(RoutingContext ctx) {
    var h = ctx.response().headers();
    h.set("Content-Security-Policy", CSP);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    if (tls) {
      h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    if (ctx.request().path().startsWith("/api/")) {
      h.set("Cache-Control", "no-store");
    }
    ctx.next();
  }
}
