package io.mooring.platform.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small response and parameter helpers shared by every feature's handlers. */
public final class Http {
  private Http() {}

  /** A JSON object or array, an already encoded JSON {@link Buffer}, or any bean Jackson can map. */
  public static void json(RoutingContext ctx, Object body) {
    json(ctx, 200, body);
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    if (body instanceof Buffer b) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(b);
      return;
    }
    String encoded;
    if (body instanceof JsonObject o) {
      encoded = o.encode();
    } else if (body instanceof JsonArray a) {
      encoded = a.encode();
    } else {
      encoded = JsonObject.mapFrom(body).encode();
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(encoded);
  }

  /** 201 with a Location header pointing at the new resource. */
  public static void created(RoutingContext ctx, String location, JsonObject body) {
    ctx.response().putHeader("Location", location);
    json(ctx, 201, body);
  }

  public static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).end();
  }

  /** A positive numeric path parameter; anything else is a 404 (the resource cannot exist). */
  public static long pathId(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      long v = Long.parseLong(raw);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // fall through
    }
    throw AppException.notFound("That " + name);
  }

  /** An optional numeric query parameter with bounds; bad values are a 400 naming the parameter. */
  public static long queryLong(RoutingContext ctx, String name, long dflt, long min, long max) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    try {
      long v = Long.parseLong(raw.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // fall through
    }
    throw AppException.invalid(name, "must be a whole number between " + min + " and " + max);
  }

  /** The JSON object body, or a 400 when the body is missing or not an object. */
  public static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject o = ctx.body().asJsonObject();
      if (o == null) {
        throw new AppException(ErrorCode.INVALID, "A JSON object body is required.");
      }
      return o;
    } catch (ClassCastException | io.vertx.core.json.DecodeException e) {
      throw new AppException(ErrorCode.INVALID, "The request body must be a JSON object.");
    }
  }

  /** Where {@link #publicUrl} finds MOORING_PUBLIC_URL: put on every request by the router. */
  public static final String PUBLIC_URL = "mooring.publicUrl";

  /**
   * The address users open, without a trailing slash: MOORING_PUBLIC_URL when set, otherwise the scheme and
   * host this request came in on (behind a trusted proxy, its X-Forwarded-* headers).
   */
  public static String publicUrl(RoutingContext ctx) {
    String configured = ctx.get(PUBLIC_URL);
    if (configured != null && !configured.isBlank()) {
      return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }
    return ctx.request().scheme() + "://" + ctx.request().authority();
  }
}
