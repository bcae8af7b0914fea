package io.mooring.platform.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place request text is checked before anything decodes it loosely or stores it: query
 * parameters and path segments ({@link #requestLine}, mounted first) and JSON and form bodies
 * ({@link #body}, mounted right after the BodyHandler). Invalid percent-escapes, invalid or
 * overlong UTF-8, NUL and lone surrogates are refused with a 400 naming the field, never rewritten.
 */
public final class TextCheck {
  // In valid UTF-8 JSON, NUL and lone surrogates can only arrive as \\u escapes; most bodies have none.
  private static final Pattern RISKY_ESCAPE = Pattern.compile("\\\\u(0000|[dD][89a-fA-F])");

  private TextCheck() {}

  public static void requestLine(RoutingContext ctx) {
    for (String segment : ctx.request().path().split("/")) {
      try {
        StrictText.percentDecoded(segment, false);
      } catch (StrictText.Invalid e) {
        // A path that cannot be decoded names no resource: the same answer as any unknown address.
        ctx.fail(new AppException(ErrorCode.NOT_FOUND, "There is nothing at this address."));
        return;
      }
    }
    List<AppException.FieldError> errors = new ArrayList<>();
    String query = ctx.request().query();
    if (query != null && !query.isEmpty()) {
      checkPairs(query, errors);
    }
    failOrNext(ctx, errors);
  }

  public static void body(RoutingContext ctx) {
    String type = mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    if (type.startsWith("multipart/")) {
      // No page or API takes multipart, and its parts would reach the form handlers decoded loosely.
      ctx.fail(new AppException(ErrorCode.UNSUPPORTED_MEDIA, "Send forms as application/x-www-form-urlencoded."));
      return;
    }
    RequestBody body = ctx.body();
    if (body == null || body.buffer() == null || body.length() == 0) {
      ctx.next();
      return;
    }
    List<AppException.FieldError> errors = new ArrayList<>();
    if (type.equals("application/json") || type.endsWith("+json")) {
      checkJson(body.buffer().getBytes(), errors);
    } else if (type.equals("application/x-www-form-urlencoded")) {
      checkPairs(body.buffer().toString(StandardCharsets.ISO_8859_1), errors);
    }
    failOrNext(ctx, errors);
  }

  private static void checkPairs(String raw, List<AppException.FieldError> errors) {
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name;
      try {
        name = StrictText.percentDecoded(rawName, true);
      } catch (StrictText.Invalid e) {
        errors.add(new AppException.FieldError(rawName.length() > 60 ? rawName.substring(0, 60) : rawName, "name " + e.getMessage()));
        continue;
      }
      try {
        StrictText.percentDecoded(eq < 0 ? "" : pair.substring(eq + 1), true);
      } catch (StrictText.Invalid e) {
        errors.add(new AppException.FieldError(name, e.getMessage()));
      }
    }
  }

  private static void checkJson(byte[] bytes, List<AppException.FieldError> errors) {
    String text;
    try {
      text = StrictText.utf8(bytes);
    } catch (StrictText.Invalid e) {
      errors.add(new AppException.FieldError("body", e.getMessage()));
      return;
    }
    if (!RISKY_ESCAPE.matcher(text).find()) {
      return;
    }
    try {
      walk(Json.decodeValue(text), "", errors);
    } catch (DecodeException notJson) {
      // Not JSON at all: the contract validation or the handler says so, in its words.
    }
  }

  private static void walk(Object value, String path, List<AppException.FieldError> errors) {
    if (value instanceof String s) {
      String why = StrictText.unstorable(s);
      if (why != null) {
        errors.add(new AppException.FieldError(path.isEmpty() ? "body" : path, why));
      }
    } else if (value instanceof JsonObject || value instanceof Map) {
      Map<?, ?> map = value instanceof JsonObject o ? o.getMap() : (Map<?, ?>) value;
      map.forEach((k, v) -> {
        String why = StrictText.unstorable(k.toString());
        if (why != null) {
          errors.add(new AppException.FieldError(path.isEmpty() ? "body" : path, "has a property name that " + why));
        } else {
          walk(v, path.isEmpty() ? k.toString() : path + "." + k, errors);
        }
      });
    } else if (value instanceof JsonArray || value instanceof List) {
      List<?> list = value instanceof JsonArray a ? a.getList() : (List<?>) value;
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", errors);
      }
    }
  }

  private static void failOrNext(RoutingContext ctx, List<AppException.FieldError> errors) {
    if (errors.isEmpty()) {
      ctx.next();
      return;
    }
    String detail = errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
        : "Some fields are not valid text: " + String.join(", ", errors.stream().map(AppException.FieldError::field).toList()) + ".";
    ctx.fail(new AppException(ErrorCode.INVALID, detail, errors, Map.of()));
  }

  private static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semi = header.indexOf(';');
    return (semi < 0 ? header : header.substring(0, semi)).strip().toLowerCase();
  }
}
