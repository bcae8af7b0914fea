package io.mooring.platform.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's OpenAPI 3.1 document, assembled once at start-up from {@code openapi/base.json} (info,
 * servers, security schemes, shared schemas) and one fragment per feature, {@code openapi/<name>.json},
 * each contributing "paths" and "components" (schemas, prefixed by the feature). Features document their own routes; a test
 * checks that every mounted /api/v1 route has an operation here.
 */
public final class ApiContract {
  /** The fragments, in merge order; absent ones are skipped (a feature not built yet). */
  public static final List<String> FRAGMENTS = List.of("people", "supervision", "checkins", "circles", "disclosure", "notifications");
  private static final String DIR = "openapi/";

  private final JsonObject document;
  private final String encoded;
  private final OpenAPIContract contract;

  private ApiContract(JsonObject document, OpenAPIContract contract) {
    this.document = document;
    this.encoded = document.encode();
    this.contract = contract;
  }

  /** Reads and merges the resources off the event loop, then lets vertx-openapi check the result. */
  public static Future<ApiContract> load(Vertx vertx) {
    return vertx.executeBlocking(ApiContract::assembleFromResources).compose(doc -> OpenAPIContract.from(vertx, forRequestValidation(doc))
        .recover(err -> Future.failedFuture(new IllegalStateException("the OpenAPI document is not valid: " + err.getMessage(), err)))
        .map(c -> new ApiContract(doc, c)));
  }

  /** Writes the served document to the file named by the one argument (the build does: target/openapi.json). */
  public static void main(String[] args) throws IOException {
    java.nio.file.Path out = java.nio.file.Path.of(args[0]);
    java.nio.file.Files.createDirectories(out.toAbsolutePath().getParent());
    java.nio.file.Files.writeString(out, assembleFromResources().encodePrettily());
  }

  /** The served document, assembled from the classpath resources (blocking: reads files). */
  public static JsonObject assembleFromResources() {
    Map<String, JsonObject> fragments = new LinkedHashMap<>();
    for (String name : FRAGMENTS) {
      JsonObject fragment = resource(DIR + name + ".json");
      if (fragment != null) {
        fragments.put(name, fragment);
      }
    }
    JsonObject base = resource(DIR + "base.json");
    if (base == null) {
      throw new IllegalStateException("missing resource " + DIR + "base.json");
    }
    return assemble(base, fragments);
  }

  /** Merges fragments into a copy of base; a path, operationId or schema defined twice is an error. */
  public static JsonObject assemble(JsonObject base, Map<String, JsonObject> fragments) {
    JsonObject doc = base.copy();
    JsonObject paths = child(doc, "paths");
    JsonObject components = child(doc, "components");
    Map<String, String> operationIds = new LinkedHashMap<>();
    fragments.forEach((name, fragment) -> {
      fragment.getJsonObject("paths", new JsonObject()).forEach(e -> {
        if (paths.containsKey(e.getKey())) {
          throw new IllegalStateException("openapi/" + name + ".json: path " + e.getKey() + " is already defined");
        }
        ((JsonObject) e.getValue()).forEach(op -> {
          if (op.getValue() instanceof JsonObject o && o.containsKey("operationId")) {
            String previous = operationIds.put(o.getString("operationId"), name);
            if (previous != null) {
              throw new IllegalStateException("openapi/" + name + ".json: operationId " + o.getString("operationId")
                  + " is already used by openapi/" + previous + ".json");
            }
          }
        });
        paths.put(e.getKey(), e.getValue());
      });
      // Features name their schemas with their own prefix; reusing a name is a mistake worth stopping for.
      fragment.getJsonObject("components", new JsonObject()).forEach(section -> {
        JsonObject merged = child(components, section.getKey());
        ((JsonObject) section.getValue()).forEach(e -> {
          if (merged.containsKey(e.getKey())) {
            throw new IllegalStateException("openapi/" + name + ".json: components." + section.getKey() + "." + e.getKey() + " is already defined");
          }
          merged.put(e.getKey(), e.getValue());
        });
      });
    });
    return doc;
  }

  /**
   * The copy vertx-openapi reads. It validates requests only, and it rejects response media types
   * it cannot validate (such as application/problem+json) and relative server URLs, so those are left
   * out of its copy; the served document keeps them. Parameters marked {@code "x-free-text": true} (a search box) are left
   * out too and checked by their handler: vertx-openapi reads a query value as JSON first, so 988 or
   * a stray quote would be refused as "not a string".
   */
  public static JsonObject forRequestValidation(JsonObject doc) {
    JsonObject copy = doc.copy();
    guardEmailFormats(copy);
    // vertx-openapi wants absolute server URLs; the served "/" means "this server", which is what it assumes without one.
    copy.remove("servers");
    stripResponseContent(copy.getJsonObject("components", new JsonObject()).getJsonObject("responses", new JsonObject()));
    copy.getJsonObject("paths", new JsonObject()).forEach(path -> ((JsonObject) path.getValue()).forEach(op -> {
      if (op.getValue() instanceof JsonObject o && o.getValue("responses") instanceof JsonObject responses) {
        stripResponseContent(responses);
      }
      if (op.getValue() instanceof JsonObject o && o.getValue("parameters") instanceof JsonArray parameters) {
        parameters.getList().removeIf(p -> p instanceof java.util.Map<?, ?> m && Boolean.TRUE.equals(m.get("x-free-text"))
            || p instanceof JsonObject j && j.getBoolean("x-free-text", false));
      }
    }));
    return copy;
  }

  /**
   * vertx-json-schema's email format check reads the first character without checking the length,
   * so "" threw StringIndexOutOfBoundsException (a 500). In the validator's copy the check runs
   * only on a non-empty string; an empty one still fails the field's minLength.
   */
  static void guardEmailFormats(Object node) {
    if (node instanceof JsonObject o) {
      o.forEach(e -> guardEmailFormats(e.getValue()));
      Object format = o.getValue("format");
      if ("email".equals(format) || "idn-email".equals(format)) {
        o.remove("format");
        JsonObject guarded = new JsonObject().put("if", new JsonObject().put("minLength", 1))
            .put("then", new JsonObject().put("format", format));
        JsonArray allOf = o.getJsonArray("allOf", new JsonArray());
        o.put("allOf", allOf.add(guarded));
      }
    } else if (node instanceof JsonArray a) {
      a.forEach(ApiContract::guardEmailFormats);
    }
  }

  private static void stripResponseContent(JsonObject responses) {
    responses.forEach(r -> {
      if (r.getValue() instanceof JsonObject response && response.getValue("content") instanceof JsonObject content) {
        content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
      }
    });
  }

  private static JsonObject child(JsonObject parent, String key) {
    JsonObject c = parent.getJsonObject(key);
    if (c == null) {
      c = new JsonObject();
      parent.put(key, c);
    }
    return c;
  }

  private static JsonObject resource(String path) {
    try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        return null;
      }
      try {
        return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (io.vertx.core.json.DecodeException e) {
        throw new IllegalStateException(path + " is not valid JSON: " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The merged document (a copy). */
  public JsonObject document() {
    return document.copy();
  }

  /** The merged document, encoded once. */
  public String encoded() {
    return encoded;
  }

  public OpenAPIContract contract() {
    return contract;
  }
}
