package io.mooring.platform.auth;

import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.UUID;

/**
 * Resolves the signed-in person from a Bearer token (API clients) or the HttpOnly session cookie
 * (pages and the browser's own API calls). Cookie-authenticated state changes must also carry the
 * session's CSRF token (header {@code X-CSRF-Token} or form field {@code _csrf}).
 */
public final class AuthHandler {
  public static final String COOKIE = "mooring_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String CSRF_FIELD = "_csrf";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final Tokens tokens;
  private final SessionCache sessions;

  public AuthHandler(Tokens tokens, SessionCache sessions) {
    this.tokens = tokens;
    this.sessions = sessions;
  }

  /** Requires a signed-in person; otherwise 401 (API) or a redirect to sign-in (pages). */
  public Handler<RoutingContext> required() {
    return ctx -> resolve(ctx).onSuccess(user -> {
      if (user == null) {
        if (isPage(ctx)) {
          ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8));
        } else {
          ctx.fail(new AppException(ErrorCode.UNAUTHENTICATED, "Sign in first: send a Bearer token or the session cookie."));
        }
        return;
      }
      ctx.put(CurrentUser.KEY, user);
      ctx.next();
    }).onFailure(ctx::fail);
  }

  /** Resolves the person when there is one, and carries on either way (the sign-in page, home). */
  public Handler<RoutingContext> optional() {
    return ctx -> resolve(ctx).onSuccess(user -> {
      if (user != null) {
        ctx.put(CurrentUser.KEY, user);
      }
      ctx.next();
    }).onFailure(ctx::fail);
  }

  /** Requires one of the roles. */
  public static Handler<RoutingContext> role(Role... anyOf) {
    return ctx -> {
      CurrentUser u = CurrentUser.of(ctx);
      for (Role r : anyOf) {
        if (u.has(r)) {
          ctx.next();
          return;
        }
      }
      ctx.fail(AppException.forbidden("This needs the " + anyOf[0].dbName() + " role."));
    };
  }

  private Future<CurrentUser> resolve(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    String header = req.getHeader("Authorization");
    boolean viaCookie = false;
    String token = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).trim();
    } else if (ctx.request().getCookie(COOKIE) != null) {
      token = ctx.request().getCookie(COOKIE).getValue();
      viaCookie = true;
    }
    if (token == null || token.isEmpty()) {
      return Future.succeededFuture(null);
    }
    boolean checkCsrf = viaCookie && !SAFE.contains(req.method()) && !isWebSocketUpgrade(req);
    return tokens.sessionOf(token)
        .map(UUID::fromString)
        .compose(sid -> sessions.current(sid), bad -> Future.succeededFuture(null))
        .map(user -> {
          if (user != null && checkCsrf && !csrfMatches(ctx, user.csrfToken())) {
            throw new AppException(ErrorCode.FORBIDDEN, "Missing or wrong CSRF token: reload the page and try again.");
          }
          return user;
        });
  }

  private static boolean csrfMatches(RoutingContext ctx, String expected) {
    String sent = ctx.request().getHeader(CSRF_HEADER);
    if (sent == null) {
      sent = ctx.request().getFormAttribute(CSRF_FIELD);
    }
    return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isWebSocketUpgrade(HttpServerRequest req) {
    return "websocket".equalsIgnoreCase(req.getHeader("Upgrade"));
  }

  private static boolean isPage(RoutingContext ctx) {
    return !ctx.request().path().startsWith("/api/");
  }
}
