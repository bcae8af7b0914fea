package io.mooring.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the OpenAPI operation a concrete request path and method belong to. Templates with more
 * literal segments win, so /checkins/people/{peerId} is preferred over /checkins/{checkInId}/sharing.
 */
public final class OperationFinder {
  /** One operation of the document, and the JSON pointer to it. */
  public record Found(String template, String method, String operationId, String pointer, JsonObject operation) {}

  private record Template(String path, Pattern pattern, long literals) {}

  private final JsonObject paths;
  private final List<Template> templates = new ArrayList<>();

  OperationFinder(JsonObject paths) {
    this.paths = paths;
    for (String path : paths.fieldNames()) {
      String regex = Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
      long literals = List.of(path.split("/")).stream().filter(s -> !s.startsWith("{")).count();
      templates.add(new Template(path, Pattern.compile(regex), literals));
    }
    templates.sort(Comparator.comparingLong(Template::literals).reversed());
  }

  /** The operation for this request, or null when the document has none. A trailing slash is ignored, as the server does. */
  public Found find(String method, String rawPath) {
    String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    String m = method.toLowerCase(Locale.ROOT);
    for (Template t : templates) {
      if (t.pattern().matcher(path).matches()) {
        JsonObject op = paths.getJsonObject(t.path()).getJsonObject(m);
        if (op != null) {
          return new Found(t.path(), m, op.getString("operationId"), "/paths/" + ResponseContract.escape(t.path()) + "/" + m, op);
        }
      }
    }
    return null;
  }

  /** A copy of the operation whose parameters include those declared once for the whole path. */
  private static JsonObject withPathParameters(JsonObject pathItem, JsonObject op) {
    JsonArray shared = pathItem.getJsonArray("parameters");
    if (shared == null) {
      return op;
    }
    JsonObject copy = op.copy();
    JsonArray all = shared.copy();
    copy.getJsonArray("parameters", new JsonArray()).forEach(all::add);
    return copy.put("parameters", all);
  }

  /** Every operation in the document, with the path's shared parameters. */
  public List<Found> all() {
    List<Found> out = new ArrayList<>();
    paths.forEach(p -> ((JsonObject) p.getValue()).forEach(e -> {
      if (e.getValue() instanceof JsonObject op && op.containsKey("responses")) {
        out.add(new Found(p.getKey(), e.getKey(), op.getString("operationId"), "/paths/" + ResponseContract.escape(p.getKey()) + "/" + e.getKey(),
            withPathParameters((JsonObject) p.getValue(), op)));
      }
    }));
    return out;
  }
}
