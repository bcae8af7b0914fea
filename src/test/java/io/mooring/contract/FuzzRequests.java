package io.mooring.contract;

import io.mooring.support.OperationFinder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Requests derived from the OpenAPI document for one operation: path and query parameters and a
 * body from their schemas, mostly valid, sometimes broken in one place (a required field missing, an
 * unknown field, a wrong type, a value past its limit, an id that names nothing, a body that is not JSON).
 */
final class FuzzRequests {
  /** One request to send, as one role. */
  record FuzzRequest(String role, String method, String uri, Map<String, String> headers, String contentType, String body,
                     boolean valid) {
    @Override
    public String toString() {
      return role + ": " + method + " " + uri + (headers.isEmpty() ? "" : " " + headers) + (body == null ? "" : " " + contentType + " " + body)
          + (valid ? " (valid by the document)" : "");
    }
  }

  /** A generated part and whether the document allows it. */
  record Part<T>(T value, boolean valid) {}

  static final List<String> ROLES = List.of("admin", "supervisor", "peer", "outsider", "nobody");

  private final SchemaValues values;

  FuzzRequests(SchemaValues values) {
    this.values = values;
  }

  Arbitrary<FuzzRequest> forOperation(OperationFinder.Found op) {
    List<JsonObject> params = op.operation().getJsonArray("parameters", new JsonArray()).stream()
        .map(p -> values.resolve((JsonObject) p)).toList();
    Arbitrary<Part<Map<String, String>>> path = parameters(params, "path", 1.0);
    Arbitrary<Part<Map<String, String>>> query = parameters(params, "query", 0.4);
    Arbitrary<Part<Map<String, String>>> headers = parameters(params, "header", 0.5);
    Arbitrary<Part<String[]>> body = body(op.operation());
    // Without edge cases: jqwik would otherwise favour the first and last role.
    return Combinators.combine(Arbitraries.of(ROLES).withoutEdgeCases(), path, query, headers, body).as((role, p, q, h, b) ->
        new FuzzRequest(role, op.method().toUpperCase(), uri(op.template(), p.value(), q.value()), h.value(), b.value()[0], b.value()[1],
            p.valid() && q.valid() && h.valid() && b.valid()));
  }

  private static String uri(String template, Map<String, String> path, Map<String, String> query) {
    String uri = template;
    for (var e : path.entrySet()) {
      uri = uri.replace("{" + e.getKey() + "}", encode(e.getValue()).replace("+", "%20"));
    }
    List<String> pairs = new ArrayList<>();
    query.forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
    return pairs.isEmpty() ? uri : uri + "?" + String.join("&", pairs);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Each parameter of this kind: required ones always, optional ones with this chance; one in eight values invalid. */
  private Arbitrary<Part<Map<String, String>>> parameters(List<JsonObject> params, String in, double optionalChance) {
    List<Arbitrary<Part<Map<String, String>>>> parts = new ArrayList<>();
    for (JsonObject p : params) {
      if (!in.equals(p.getString("in"))) {
        continue;
      }
      String name = p.getString("name");
      Arbitrary<Part<String>> value = Arbitraries.frequencyOf(Tuple.of(7, values.valid(p.getJsonObject("schema", new JsonObject()), name)
          .map(v -> new Part<>(v == null ? "" : String.valueOf(v), true))), Tuple.of(1, Mutations.invalidText().map(v -> new Part<>(v, false))));
      Arbitrary<Part<Map<String, String>>> one = value.map(v -> new Part<>(Map.of(name, v.value()), v.valid()));
      boolean always = p.getBoolean("required", false) || optionalChance >= 1.0;
      parts.add(always ? one : Arbitraries.frequencyOf(Tuple.of((int) (optionalChance * 10), one), Tuple.of(10 - (int) (optionalChance * 10),
          Arbitraries.just(new Part<>(Map.<String, String>of(), true)))));
    }
    if (parts.isEmpty()) {
      return Arbitraries.just(new Part<>(Map.of(), true));
    }
    return Combinators.combine(parts).as(all -> {
      Map<String, String> out = new LinkedHashMap<>();
      all.forEach(x -> out.putAll(x.value()));
      return new Part<>(out, all.stream().allMatch(Part::valid));
    });
  }

  /** {content type, body}: none when the operation takes none; otherwise valid JSON, JSON broken in one place, or not JSON. */
  private Arbitrary<Part<String[]>> body(JsonObject operation) {
    JsonObject content = operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content");
    if (content == null || !content.containsKey("application/json")) {
      return Arbitraries.just(new Part<>(new String[] {null, null}, true));
    }
    Arbitrary<Object> valid = values.valid(content.getJsonObject("application/json").getJsonObject("schema", new JsonObject()), null);
    Arbitrary<Object> broken = valid.flatMap(v -> new Mutations(values, content.getJsonObject("application/json")
        .getJsonObject("schema", new JsonObject())).of(v));
    return Arbitraries.frequencyOf(
        Tuple.of(6, valid.map(v -> new Part<>(new String[] {"application/json", encodeJson(v)}, true))),
        Tuple.of(4, broken.map(v -> new Part<>(new String[] {"application/json", encodeJson(v)}, false))),
        Tuple.of(1, Arbitraries.of("", "{", "[]", "null", "\"text\"", "{\"a\":}").map(b -> new Part<>(new String[] {"application/json", b}, false))),
        Tuple.of(1, Arbitraries.just(new Part<>(new String[] {"text/plain", "name=x"}, false))));
  }

  private static String encodeJson(Object v) {
    return v instanceof JsonObject o ? o.encode() : v instanceof JsonArray a ? a.encode() : io.vertx.core.json.Json.encode(v);
  }
}
