package io.mooring.checkins;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Form fields to the API's JSON shape, so the page and the API share one validation. */
final class FormJson {
  private FormJson() {}

  static JsonObject of(Map<String, String> values) {
    JsonObject activities = new JsonObject();
    JsonObject pulses = new JsonObject();
    JsonObject json = new JsonObject().put("unit", values.get("unit")).put("activities", activities).put("pulses", pulses)
        .put("reflection", values.get("reflection")).put("discuss", values.containsKey("discuss"))
        .put("shareAnswers", values.containsKey("shareAnswers")).put("shareReflection", values.containsKey("shareReflection"));
    if (values.containsKey("periodEnd")) {
      json.put("periodEnd", values.get("periodEnd"));
    }
    values.forEach((k, v) -> {
      if (k.startsWith("a.")) {
        activities.put(k.substring(2), number(v));
      } else if (k.startsWith("p.")) {
        pulses.put(k.substring(2), number(v));
      }
    });
    return json;
  }

  static Object number(String v) {
    try {
      double d = Double.parseDouble(v);
      return d == Math.rint(d) && Math.abs(d) < 1e9 ? (Object) (long) d : (Object) d;
    } catch (NumberFormatException e) {
      return v;
    }
  }
}
