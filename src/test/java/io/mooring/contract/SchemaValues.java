package io.mooring.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Values that a JSON schema of the OpenAPI document allows, as jqwik arbitraries: strings within
 * their lengths and formats, numbers within their bounds, objects with their required properties and
 * some optional ones. Ids are mostly small, so they name rows that exist in a fresh database.
 */
final class SchemaValues {
  private static final int MAX_DEPTH = 6;
  // No NUL and no lone surrogates: issue 11's NUL 500s are c1-edge's fix (see ContractFuzzIT).
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 -_.,'é漢";

  private final JsonObject document;

  SchemaValues(JsonObject document) {
    this.document = document;
  }

  /** Follows local $refs ("#/components/schemas/X") to the schema they name. */
  JsonObject resolve(JsonObject schema) {
    JsonObject s = schema;
    for (int hops = 0; s != null && s.containsKey("$ref") && hops < 10; hops++) {
      Object target = document;
      for (String segment : s.getString("$ref").substring(2).split("/")) {
        target = ((JsonObject) target).getValue(segment.replace("~1", "/").replace("~0", "~"));
      }
      s = (JsonObject) target;
    }
    return s == null ? new JsonObject() : s;
  }

  Arbitrary<Object> valid(JsonObject raw, String name) {
    return valid(raw, name, 0);
  }

  private Arbitrary<Object> valid(JsonObject raw, String name, int depth) {
    JsonObject s = resolve(raw);
    if (s.containsKey("const")) {
      return Arbitraries.just(s.getValue("const"));
    }
    if (s.containsKey("enum")) {
      List<?> values = s.getJsonArray("enum").getList();
      return Arbitraries.integers().between(0, values.size() - 1).map(i -> (Object) values.get(i));
    }
    for (String choice : List.of("oneOf", "anyOf")) {
      if (s.containsKey(choice)) {
        List<Arbitrary<Object>> branches = new ArrayList<>();
        s.getJsonArray(choice).forEach(b -> branches.add(valid((JsonObject) b, name, depth + 1)));
        return Arbitraries.oneOf(branches);
      }
    }
    if (s.containsKey("allOf") && !s.getJsonArray("allOf").isEmpty()) {
      return valid(s.getJsonArray("allOf").getJsonObject(0), name, depth + 1);
    }
    Object type = s.getValue("type");
    if (type instanceof JsonArray types) {
      List<Arbitrary<Object>> each = new ArrayList<>();
      types.forEach(t -> each.add(ofType((String) t, s, name, depth)));
      return Arbitraries.oneOf(each);
    }
    return ofType(type == null ? (s.containsKey("properties") ? "object" : "string") : (String) type, s, name, depth);
  }

  private Arbitrary<Object> ofType(String type, JsonObject s, String name, int depth) {
    return switch (type) {
      case "null" -> Arbitraries.just(null);
      case "boolean" -> Arbitraries.of(true, false).map(b -> (Object) b);
      case "integer" -> integer(s, name).map(n -> (Object) n);
      case "number" -> integer(s, name).map(n -> (Object) n.doubleValue());
      case "array" -> array(s, name, depth);
      case "object" -> depth >= MAX_DEPTH ? Arbitraries.just(new JsonObject()) : object(s, depth).map(o -> (Object) o);
      default -> string(s, name).map(x -> (Object) x);
    };
  }

  Arbitrary<Long> integer(JsonObject s, String name) {
    long min = s.getNumber("minimum", Integer.MIN_VALUE).longValue();
    long max = s.getNumber("maximum", Integer.MAX_VALUE).longValue();
    Arbitrary<Long> any = Arbitraries.longs().between(min, max).withDistribution(net.jqwik.api.RandomDistribution.biased());
    if (name != null && (name.endsWith("Id") || name.equals("id")) && min <= 1 && max >= 8) {
      return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(Math.max(min, 1), 8)), net.jqwik.api.Tuple.of(1, any));
    }
    return any;
  }

  private Arbitrary<Object> array(JsonObject s, String name, int depth) {
    int min = s.getInteger("minItems", 0);
    int max = Math.min(s.getInteger("maxItems", 4), min + 4);
    JsonObject items = s.getJsonObject("items", new JsonObject().put("type", "string"));
    Arbitrary<Object> item = valid(items, name, depth + 1);
    var list = item.list().ofMinSize(min).ofMaxSize(max);
    return (s.getBoolean("uniqueItems", false) ? list.uniqueElements() : list).map(l -> (Object) new JsonArray(new ArrayList<>(l)));
  }

  private Arbitrary<JsonObject> object(JsonObject s, int depth) {
    JsonObject props = s.getJsonObject("properties", new JsonObject());
    List<String> required = s.getJsonArray("required", new JsonArray()).getList();
    List<Arbitrary<JsonObject>> parts = new ArrayList<>();
    for (String p : props.fieldNames()) {
      Arbitrary<Object> value = valid(props.getJsonObject(p), p, depth + 1);
      Arbitrary<JsonObject> part = value.map(v -> new JsonObject().put(p, v));
      parts.add(required.contains(p) ? part : Arbitraries.oneOf(part, Arbitraries.just(new JsonObject())));
    }
    if (parts.isEmpty()) {
      return Arbitraries.just(new JsonObject());
    }
    return Combinators.combine(parts).as(all -> {
      JsonObject o = new JsonObject();
      all.forEach(o::mergeIn);
      return o;
    });
  }

  Arbitrary<String> string(JsonObject s, String name) {
    String format = s.getString("format", "");
    String pattern = s.getString("pattern", "");
    if (format.equals("date-time")) {
      return Arbitraries.longs().between(-400, 400).map(d -> OffsetDateTime.now(ZoneOffset.UTC).plusHours(d * 7)
          .withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }
    if (format.equals("date")) {
      return Arbitraries.longs().between(-400, 400).map(d -> LocalDate.now().plusDays(d).toString());
    }
    if (format.equals("email")) {
      return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8).map(x -> x + "@example.test");
    }
    if (pattern.contains("T\\d")) {
      return Arbitraries.longs().between(-60, 400).map(d -> LocalDateTime.now().plusDays(d).withHour(10).withMinute(0)
          .withSecond(0).withNano(0).toString());
    }
    int min = Math.max(s.getInteger("minLength", 0), pattern.isEmpty() ? 0 : 1);
    int max = s.getInteger("maxLength", 60);
    Arbitrary<String> text = Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(min).ofMaxLength(Math.min(max, min + 30));
    Arbitrary<String> nonBlank = text.filter(x -> x.length() >= min && (min == 0 || !x.isBlank()));
    // Now and then exactly the longest value the document allows: the limits are where code and document disagreed.
    Arbitrary<String> longest = Arbitraries.just("x".repeat(Math.min(max, 10_000)));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, nonBlank), net.jqwik.api.Tuple.of(1, longest));
  }
}
