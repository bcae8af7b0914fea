package io.mooring.support;

import io.mooring.platform.http.ApiContract;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonFormatValidator;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks one API response against the OpenAPI document the server serves: the status is declared
 * for the operation, the media type is declared for that status, and the body matches its schema,
 * with date-times in RFC 3339 form including seconds and an offset. {@link #mismatch} answers null
 * when the response conforms, else a sentence saying how it does not.
 */
public final class ResponseContract {
  private static final String BASE = "urn:mooring:openapi";
  /** RFC 3339 date-time: seconds and an offset are required. */
  static final Pattern DATE_TIME = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$");
  // A string that looks like a date-time with an offset is held to the same form, even where the schema names no
  // format. Local wall times ("2026-03-10T16:00", a meeting's firstStart) have no offset and are not date-times.
  private static final Pattern LOOKS_LIKE_DATE_TIME = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d.*(Z|[+-]\\d\\d:?\\d\\d)$");
  private static final ResponseContract INSTANCE = new ResponseContract(ApiContract.assembleFromResources());

  private final JsonObject document;
  private final OperationFinder operations;
  private final SchemaRepository schemas;

  ResponseContract(JsonObject document) {
    this.document = document;
    this.operations = new OperationFinder(document.getJsonObject("paths"));
    JsonSchemaOptions options = new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(BASE)
        .setOutputFormat(OutputFormat.Basic);
    this.schemas = SchemaRepository.create(options, ResponseContract::strictFormat).dereference(BASE, JsonSchema.of(document.copy()));
  }

  public static ResponseContract get() {
    return INSTANCE;
  }

  public JsonObject document() {
    return document.copy();
  }

  public OperationFinder operations() {
    return operations;
  }

  /** Null when this response conforms; otherwise what is wrong. Only /api/v1 paths are checked. */
  public String mismatch(String method, String uri, int status, String contentType, Buffer body) {
    String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
    if (!path.startsWith("/api/v1/") || status == 101) {
      return null;
    }
    String where = method + " " + uri + " → " + status + ": ";
    String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    OperationFinder.Found op = operations.find(method, path);
    if (op == null) {
      // No operation: the router's own 404/405, or the document itself. Errors must still be problems.
      return status >= 400 ? problemMismatch(where, type, body) : null;
    }
    JsonObject responses = op.operation().getJsonObject("responses", new JsonObject());
    String key = responses.containsKey(String.valueOf(status)) ? String.valueOf(status)
        : responses.containsKey(status / 100 + "XX") ? status / 100 + "XX" : responses.containsKey("default") ? "default" : null;
    if (key == null) {
      return where + "status " + status + " is not declared for " + op.operationId() + " (declared: " + responses.fieldNames() + ")";
    }
    String pointer = op.pointer() + "/responses/" + key;
    Resolved response = resolve(responses.getJsonObject(key), pointer);
    return bodyMismatch(where, response.pointer(), response.object(), type, body, method.equals("HEAD") || status == 204 || status == 304);
  }

  private String bodyMismatch(String where, String pointer, JsonObject response, String type, Buffer body, boolean noBody) {
    JsonObject content = response.getJsonObject("content");
    boolean empty = body == null || body.length() == 0;
    if (content == null || content.isEmpty() || noBody) {
      return empty || noBody ? null : where + "a body was sent but the document declares none";
    }
    if (!content.containsKey(type)) {
      return where + "media type '" + type + "' is not declared (declared: " + content.fieldNames() + ")";
    }
    if (!type.endsWith("json")) {
      return null;
    }
    if (empty) {
      return where + "the body is empty but " + type + " is declared";
    }
    return schemaMismatch(where, pointer + "/content/" + escape(type) + "/schema", body);
  }

  private String problemMismatch(String where, String type, Buffer body) {
    if (!type.equals("application/problem+json")) {
      return where + "an error must be application/problem+json, was '" + type + "'";
    }
    return schemaMismatch(where, "/components/schemas/Problem", body);
  }

  private String schemaMismatch(String where, String schemaPointer, Buffer body) {
    Object value;
    try {
      value = Json.decodeValue(body);
    } catch (DecodeException e) {
      return where + "the body is not JSON: " + e.getMessage();
    }
    OutputUnit out = schemas.validator(JsonSchema.of(new JsonObject().put("$ref", BASE + "#" + schemaPointer.replace("{", "%7B").replace("}", "%7D"))),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(BASE).setOutputFormat(OutputFormat.Basic), false).validate(value);
    List<String> problems = new ArrayList<>();
    if (!Boolean.TRUE.equals(out.getValid())) {
      List<OutputUnit> errors = out.getErrors() == null || out.getErrors().isEmpty() ? List.of(out) : out.getErrors();
      errors.forEach(e -> problems.add((e.getInstanceLocation() == null ? "" : e.getInstanceLocation()) + " " + e.getError()));
    }
    looseDateTimes(value, "", problems);
    return problems.isEmpty() ? null : where + "does not match " + schemaPointer + ": " + String.join("; ", problems)
        + "\n  body: " + abbreviated(body.toString());
  }

  private static void looseDateTimes(Object value, String at, List<String> problems) {
    if (value instanceof JsonObject o) {
      o.forEach(e -> looseDateTimes(e.getValue(), at + "/" + e.getKey(), problems));
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        looseDateTimes(a.getValue(i), at + "/" + i, problems);
      }
    } else if (value instanceof String s && LOOKS_LIKE_DATE_TIME.matcher(s).find() && !DATE_TIME.matcher(s).matches()) {
      problems.add(at + " '" + s + "' is not an RFC 3339 date-time with seconds and offset");
    }
  }

  private static String strictFormat(String instanceType, String format, Object instance) {
    if ("date-time".equals(format) && instance instanceof String s && !DATE_TIME.matcher(s).matches()) {
      return "'" + s + "' is not an RFC 3339 date-time with seconds and offset";
    }
    return JsonFormatValidator.DEFAULT_VALIDATOR.validateFormat(instanceType, format, instance);
  }

  private record Resolved(String pointer, JsonObject object) {}

  /** Follows a local $ref (#/components/responses/X) to the object and its JSON pointer. */
  private Resolved resolve(JsonObject maybeRef, String pointer) {
    String ref = maybeRef.getString("$ref");
    if (ref == null || !ref.startsWith("#/")) {
      return new Resolved(pointer, maybeRef);
    }
    Object target = document;
    for (String segment : ref.substring(2).split("/")) {
      target = ((JsonObject) target).getValue(segment.replace("~1", "/").replace("~0", "~"));
    }
    return new Resolved(ref.substring(1), (JsonObject) target);
  }

  static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  private static String abbreviated(String s) {
    return s.length() > 600 ? s.substring(0, 600) + "…" : s;
  }
}
