package io.mooring.contract;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** One way to break a valid request body (or parameter): each is a 400 the server must answer cleanly. */
final class Mutations {
  private final SchemaValues values;
  private final JsonObject schema;

  Mutations(SchemaValues values, JsonObject schema) {
    this.values = values;
    this.schema = values.resolve(schema);
  }

  /** Texts no parameter schema allows, or that name nothing. No '%': stray escapes are c1-edge's fix (see ContractFuzzIT). */
  static Arbitrary<String> invalidText() {
    return Arbitraries.of("abc", "-1", "0", "99999999999999999999", "9223372036854775807", "x".repeat(300), " ", "", "1.5", "true",
        "日本", "../1", "null");
  }

  Arbitrary<Object> of(Object valid) {
    if (!(valid instanceof JsonObject o)) {
      return Arbitraries.of(List.of(new JsonObject(), 42, "text", true)).map(x -> (Object) x);
    }
    JsonObject props = schema.getJsonObject("properties", new JsonObject());
    List<String> required = schema.getJsonArray("required", new io.vertx.core.json.JsonArray()).getList();
    List<Arbitrary<Object>> ways = new ArrayList<>();
    ways.add(Arbitraries.just(o.copy().put("unexpectedField", "x")));
    if (!required.isEmpty()) {
      ways.add(Arbitraries.of(required).map(r -> { JsonObject c = o.copy(); c.remove(r); return c; }));
    }
    if (!props.isEmpty()) {
      List<String> names = new ArrayList<>(props.fieldNames());
      ways.add(Arbitraries.of(names).map(n -> wrongType(o.copy(), n, values.resolve(props.getJsonObject(n)))));
      ways.add(Arbitraries.of(names).map(n -> pastTheLimit(o.copy(), n, values.resolve(props.getJsonObject(n)))));
    }
    return Arbitraries.oneOf(ways);
  }

  private static Object wrongType(JsonObject o, String name, JsonObject s) {
    Object type = s.getValue("type");
    boolean stringy = "string".equals(type) || (type instanceof io.vertx.core.json.JsonArray a && a.contains("string"));
    return o.put(name, stringy ? (Object) 12345 : "not the right type");
  }

  private static Object pastTheLimit(JsonObject o, String name, JsonObject s) {
    if (s.containsKey("maxLength")) {
      return o.put(name, "y".repeat(s.getInteger("maxLength") + 1));
    }
    if (s.containsKey("maximum")) {
      return o.put(name, s.getNumber("maximum").longValue() + 1);
    }
    if (s.containsKey("minimum")) {
      return o.put(name, s.getNumber("minimum").longValue() - 1);
    }
    if (s.containsKey("enum")) {
      return o.put(name, "not-a-choice");
    }
    if (s.containsKey("maxItems")) {
      io.vertx.core.json.JsonArray many = new io.vertx.core.json.JsonArray();
      for (int i = 0; i <= s.getInteger("maxItems"); i++) {
        many.add("item" + i);
      }
      return o.put(name, many);
    }
    return o.put(name, (Object) null);
  }
}
