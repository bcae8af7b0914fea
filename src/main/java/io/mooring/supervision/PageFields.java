package io.mooring.supervision;

import io.mooring.people.Organization;
import io.mooring.platform.web.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** What supervision templates read out of records (which are JSON) and times, null-safe and in words. */
public final class PageFields {
  private PageFields() {}

  /** A disclosed item's content as one line of text, whatever its kind's shape. */
  public static String disclosedText(JsonObject item) {
    JsonObject c = item.getJsonObject("content", new JsonObject());
    if (c.containsKey("text")) {
      return c.getString("text");
    }
    if (c.containsKey("value")) {
      return Boolean.TRUE.equals(c.getValue("value")) ? "yes" : "no";
    }
    JsonArray list = c.getJsonArray("values", c.getJsonArray("areas", new JsonArray()));
    return String.join(", ", list.stream().map(o -> String.valueOf(o).replace('_', ' ')).toList());
  }

  /** Local wall time in the organization's zone, for people rather than machines. */
  public static String when(Organization org, OffsetDateTime t) {
    return Times.when(org.timeZone(), t);
  }

  /** The objects of a JSON array field (records are JSON), for templates. */
  public static List<JsonObject> objects(JsonObject o, String key) {
    List<JsonObject> out = new ArrayList<>();
    if (o != null && o.getJsonArray(key) != null) {
      o.getJsonArray(key).forEach(x -> out.add(x instanceof JsonObject j ? j : new JsonObject()));
    }
    return out;
  }

  public static List<String> strings(JsonObject o, String key) {
    List<String> out = new ArrayList<>();
    if (o != null && o.getJsonArray(key) != null) {
      o.getJsonArray(key).forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  /** The i-th entry, or an empty one for the blank rows a form offers after the filled ones. */
  public static <T> T at(List<T> list, int i, T blank) {
    return i < list.size() ? list.get(i) : blank;
  }

  public static String decision(JsonObject content, long itemId) {
    return objects(content, "itemDecisions").stream().filter(d -> d.getLong("itemId", -1L) == itemId)
        .map(d -> d.getString("decision")).findFirst().orElse("");
  }

  public static List<Long> discussedFlagIds(JsonObject content) {
    return content == null ? List.of() : RecordContent.discussedFlagIds(content);
  }

  public static String text(JsonObject o, String key) {
    Object v = o == null ? null : o.getValue(key);
    return v == null ? "" : String.valueOf(v);
  }

  public static String label(String value) {
    return value == null ? "" : value.replace('_', ' ');
  }
}
