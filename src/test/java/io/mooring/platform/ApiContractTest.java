package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.http.ApiContract;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Assembling the document from base.json and the feature fragments. */
class ApiContractTest {
  static final JsonObject BASE = new JsonObject()
      .put("openapi", "3.1.0")
      .put("components", new JsonObject().put("schemas", new JsonObject().put("Problem", new JsonObject().put("type", "object"))));

  static JsonObject fragment(String path, String operationId, String schema) {
    return new JsonObject()
        .put("paths", new JsonObject().put(path, new JsonObject().put("get", new JsonObject().put("operationId", operationId))))
        .put("components", new JsonObject().put("schemas", new JsonObject().put(schema, new JsonObject().put("type", "string"))));
  }

  @Test
  void fragmentsAddTheirPathsAndSchemasToTheBase() {
    Map<String, JsonObject> fragments = new LinkedHashMap<>();
    fragments.put("people", fragment("/api/v1/me", "peopleMe", "PeopleMe"));
    fragments.put("circles", fragment("/api/v1/circles", "circlesList", "CirclesCircle"));
    JsonObject doc = ApiContract.assemble(BASE, fragments);
    assertEquals(2, doc.getJsonObject("paths").size());
    assertEquals(3, doc.getJsonObject("components").getJsonObject("schemas").size());
    assertFalse(BASE.containsKey("paths"), "the base is not modified");
  }

  @Test
  void aPathOperationIdOrSchemaDefinedTwiceStopsStartUpNamingTheFragment() {
    Map<String, JsonObject> samePath = new LinkedHashMap<>();
    samePath.put("people", fragment("/api/v1/me", "peopleMe", "PeopleMe"));
    samePath.put("circles", fragment("/api/v1/me", "circlesMe", "CirclesMe"));
    var e = assertThrows(IllegalStateException.class, () -> ApiContract.assemble(BASE, samePath));
    assertTrue(e.getMessage().contains("openapi/circles.json") && e.getMessage().contains("/api/v1/me"), e.getMessage());

    Map<String, JsonObject> sameId = new LinkedHashMap<>();
    sameId.put("people", fragment("/api/v1/me", "list", "PeopleMe"));
    sameId.put("circles", fragment("/api/v1/circles", "list", "CirclesCircle"));
    e = assertThrows(IllegalStateException.class, () -> ApiContract.assemble(BASE, sameId));
    assertTrue(e.getMessage().contains("operationId list"), e.getMessage());

    Map<String, JsonObject> sameSchema = Map.of("people", fragment("/api/v1/me", "peopleMe", "Problem"));
    e = assertThrows(IllegalStateException.class, () -> ApiContract.assemble(BASE, sameSchema));
    assertTrue(e.getMessage().contains("components.schemas.Problem"), e.getMessage());
  }

  @Test
  void theValidatorsCopyLeavesOutResponseTypesItCannotReadButTheDocumentKeepsThem() {
    JsonObject problem = new JsonObject().put("content", new JsonObject()
        .put("application/problem+json", new JsonObject()).put("application/json", new JsonObject()));
    JsonObject doc = BASE.copy().put("paths", new JsonObject().put("/api/v1/me", new JsonObject()
        .put("get", new JsonObject().put("responses", new JsonObject().put("401", problem.copy())))));
    doc.getJsonObject("components").put("responses", new JsonObject().put("Invalid", problem.copy()));
    JsonObject copy = ApiContract.forRequestValidation(doc);
    assertEquals(java.util.Set.of("application/json"),
        copy.getJsonObject("paths").getJsonObject("/api/v1/me").getJsonObject("get").getJsonObject("responses").getJsonObject("401")
            .getJsonObject("content").fieldNames());
    assertEquals(java.util.Set.of("application/json"),
        copy.getJsonObject("components").getJsonObject("responses").getJsonObject("Invalid").getJsonObject("content").fieldNames());
    assertTrue(doc.getJsonObject("components").getJsonObject("responses").getJsonObject("Invalid").getJsonObject("content")
        .containsKey("application/problem+json"));
  }

  /** A key written twice is silently dropped by the parser (circlesLive lost its close codes that way). */
  @Test
  void noFragmentWritesAKeyTwice() throws Exception {
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    for (String name : java.util.stream.Stream.concat(java.util.stream.Stream.of("base"), ApiContract.FRAGMENTS.stream()).toList()) {
      try (var in = getClass().getResourceAsStream("/openapi/" + name + ".json")) {
        if (in != null) {
          mapper.readTree(in);
        }
      }
    }
  }
}
