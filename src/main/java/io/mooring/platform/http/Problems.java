package io.mooring.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem documents. */
public final class Problems {
  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  public static JsonObject of(ErrorCode code, String detail, List<AppException.FieldError> errors, Map<String, ?> data, String instance) {
    JsonObject p = new JsonObject()
        .put("type", code.type())
        .put("title", code.title)
        .put("status", code.status)
        .put("detail", detail == null ? code.title : detail);
    if (instance != null) {
      p.put("instance", instance);
    }
    if (!errors.isEmpty()) {
      JsonArray arr = new JsonArray();
      errors.forEach(e -> arr.add(new JsonObject().put("field", e.field()).put("label", FieldLabels.of(e.field(), instance)).put("message", e.message())));
      p.put("errors", arr);
    }
    data.forEach(p::put);
    return p;
  }

  public static void send(RoutingContext ctx, int status, JsonObject problem) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(problem.encode());
  }
}
