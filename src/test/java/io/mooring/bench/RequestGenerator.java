package io.mooring.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random requests derived from the served OpenAPI document: every operation, its path and query
 * parameters and its JSON body, filled with a mix of valid values and hostile ones (wrong types,
 * empty, very long, NUL, lone surrogates, bad percent-escapes, unknown fields).
 */
final class RequestGenerator {
  record Op(String method, String path, List<JsonObject> parameters, JsonObject bodySchema) {}

  record Request(String method, String uri, String body) {}

  private static final String[] HOSTILE_TEXT = {"", " ", "a\u0000b", "x\ud800y", "%25", "%zz", "'; drop table users; --",
      "<script>alert(1)</script>", "\u202eevil", "2026-13-45T99:99:99Z", "x".repeat(5000)};

  // Signing the roles' own sessions out, or changing their passwords or accounts, would turn the
  // rest of the run into 401s; everything else is fair game.
  private static final java.util.Set<String> SKIPPED = java.util.Set.of("POST /api/v1/auth/logout", "POST /api/v1/me/password",
      "PATCH /api/v1/users/{userId}");

  private final JsonObject doc;
  private final List<Op> ops = new ArrayList<>();
  private final Random random;

  RequestGenerator(JsonObject doc, long seed) {
    this.doc = doc;
    this.random = new Random(seed);
    doc.getJsonObject("paths").forEach(path -> ((JsonObject) path.getValue()).forEach(m -> {
      if (m.getValue() instanceof JsonObject op && !m.getKey().equals("parameters")
          && !SKIPPED.contains(m.getKey().toUpperCase() + " " + path.getKey())) {
        List<JsonObject> params = new ArrayList<>();
        op.getJsonArray("parameters", new JsonArray()).forEach(p -> params.add(resolve((JsonObject) p)));
        JsonObject body = op.getJsonObject("requestBody") == null ? null : resolve(op.getJsonObject("requestBody"))
            .getJsonObject("content", new JsonObject()).getJsonObject("application/json", new JsonObject()).getJsonObject("schema");
        ops.add(new Op(m.getKey().toUpperCase(), path.getKey(), params, body));
      }
    }));
  }

  int operations() {
    return ops.size();
  }

  Request next() {
    Op op = ops.get(random.nextInt(ops.size()));
    String path = op.path();
    StringBuilder query = new StringBuilder();
    for (JsonObject p : op.parameters()) {
      String value = encode(String.valueOf(value(p.getJsonObject("schema", new JsonObject()), 0)));
      switch (p.getString("in", "")) {
        case "path" -> path = path.replace("{" + p.getString("name") + "}", value.isEmpty() ? "1" : value);
        case "query" -> {
          if (random.nextInt(3) > 0) {
            query.append(query.length() == 0 ? "?" : "&").append(p.getString("name")).append('=').append(value);
          }
        }
        default -> { }
      }
    }
    String body = op.bodySchema() == null ? null : encodeJson(value(op.bodySchema(), 0));
    return new Request(op.method(), path + query, body);
  }

  private Object value(JsonObject schema, int depth) {
    schema = resolve(schema);
    if (random.nextInt(12) == 0 || depth > 4) {
      return hostile();
    }
    if (schema.containsKey("enum")) {
      JsonArray e = schema.getJsonArray("enum");
      return e.getValue(random.nextInt(e.size()));
    }
    String type = schema.getValue("type") instanceof String t ? t : schema.containsKey("properties") ? "object" : "string";
    return switch (type) {
      case "object" -> object(schema, depth);
      case "array" -> array(schema, depth);
      case "integer" -> new long[] {1, 2, 3, 7, 0, -1, Integer.MAX_VALUE, Long.MAX_VALUE}[random.nextInt(8)];
      case "number" -> random.nextInt(200) - 50;
      case "boolean" -> random.nextBoolean();
      default -> text(schema);
    };
  }

  private JsonObject object(JsonObject schema, int depth) {
    JsonObject out = new JsonObject();
    schema.getJsonObject("properties", new JsonObject()).forEach(p -> {
      if (random.nextInt(5) > 0) {
        out.put(p.getKey(), value((JsonObject) p.getValue(), depth + 1));
      }
    });
    if (random.nextInt(10) == 0) {
      out.put("unexpected", "field");
    }
    return out;
  }

  private JsonArray array(JsonObject schema, int depth) {
    JsonArray out = new JsonArray();
    for (int i = random.nextInt(4); i > 0; i--) {
      out.add(value(schema.getJsonObject("items", new JsonObject()), depth + 1));
    }
    return out;
  }

  private Object text(JsonObject schema) {
    String format = schema.getString("format", "");
    return switch (format) {
      case "date" -> "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
      case "date-time" -> "2026-12-0" + (1 + random.nextInt(9)) + "T1" + random.nextInt(10) + ":00:00Z";
      case "email" -> "someone" + random.nextInt(1000) + "@example.test";
      default -> random.nextBoolean() ? "text " + random.nextInt(100_000) : HOSTILE_TEXT[random.nextInt(HOSTILE_TEXT.length)];
    };
  }

  private Object hostile() {
    return switch (random.nextInt(5)) {
      case 0 -> HOSTILE_TEXT[random.nextInt(HOSTILE_TEXT.length)];
      case 1 -> -random.nextInt(1000);
      case 2 -> new JsonObject().put("nested", "\u0000");
      case 3 -> new JsonArray().add(1).add("two");
      default -> null;
    };
  }

  private JsonObject resolve(JsonObject node) {
    JsonObject current = node;
    for (int i = 0; i < 10 && current.containsKey("$ref"); i++) {
      JsonObject target = doc;
      for (String part : current.getString("$ref").substring(2).split("/")) {
        target = target.getJsonObject(part, new JsonObject());
      }
      current = target;
    }
    return current;
  }

  // Lone surrogates cannot be encoded as UTF-8: send them as JSON escapes, as a hostile client would.
  private static String encodeJson(Object value) {
    String json = value instanceof JsonObject o ? o.encode() : value instanceof JsonArray a ? a.encode() : String.valueOf(value);
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1));
      if (Character.isSurrogate(c) && !paired && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(json.charAt(i - 1)))) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  // Mostly correct percent-encoding; the hostile texts keep their raw '%' on purpose.
  private String encode(String raw) {
    if (raw.startsWith("%")) {
      return raw;
    }
    return java.net.URLEncoder.encode(raw, java.nio.charset.StandardCharsets.UTF_8);
  }

  static Map<String, Integer> emptyCounts() {
    return new java.util.TreeMap<>();
  }
}
