package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.Routes;
import io.mooring.platform.http.ApiContract;
import io.mooring.platform.http.ContractValidation;
import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAPI document is served, requests are validated against it, and it covers every API route. */
@ExtendWith(VertxExtension.class)
class OpenApiContractIT {
  static TestServer server;
  static Fixtures.Person admin;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.fixtures().anAdmin(server.fixtures().anOrganization());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theDocumentIsServedAndIsAValidOpenApi31Contract(Vertx vertx) {
    var res = server.anonymous().get(ContractValidation.DOCUMENT_PATH);
    assertEquals(200, res.statusCode());
    assertTrue(res.getHeader("Content-Type").startsWith("application/json"));
    JsonObject doc = res.bodyAsJsonObject();
    assertTrue(doc.getString("openapi").startsWith("3.1"), doc.getString("openapi"));
    assertNotNull(doc.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("bearer"));
    assertNotNull(doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem"));
    assertNotNull(doc.getJsonObject("paths").getJsonObject("/api/v1/auth/login").getJsonObject("post"));
    OpenAPIContract parsed = OpenAPIContract.from(vertx, ApiContract.forRequestValidation(doc)).await();
    assertNotNull(parsed.findOperation("/api/v1/users/7", HttpMethod.PATCH));
  }

  @Test
  void anUnknownFieldIsA400NamingIt() {
    var res = server.as(admin).post("/api/v1/teams", new JsonObject().put("name", "Night shift").put("colour", "blue"));
    assertProblem(res, 400, "colour", "is not a known field");
  }

  @Test
  void unknownFieldsAreRefusedBeforeSignInToo() {
    var res = server.anonymous().post("/api/v1/auth/login",
        new JsonObject().put("email", admin.email()).put("password", Fixtures.PASSWORD).put("remember", true));
    assertProblem(res, 400, "remember", "is not a known field");
  }

  @Test
  void aMissingFieldAndAWrongTypeAreNamed() {
    var res = server.as(admin).post("/api/v1/users", new JsonObject().put("email", "x@example.test").put("displayName", 42));
    assertEquals(400, res.statusCode(), res.bodyAsString());
    JsonArray errors = res.bodyAsJsonObject().getJsonArray("errors");
    assertEquals(Set.of("password", "displayName"), fields(errors), errors.encode());
    assertProblem(res, 400, "password", "is required");
    assertProblem(res, 400, "displayName", "must be a string");
  }

  @Test
  void nestedArrayItemsAreNamedByIndex() {
    var res = server.as(admin).post("/api/v1/users", new JsonObject().put("email", "x@example.test").put("displayName", "X")
        .put("password", "long-enough-password").put("roles", new JsonArray().add("peer").add("wizard")));
    assertProblem(res, 400, "roles[1]", "must be one of admin, supervisor, peer");
  }

  @Test
  void formatsAreCheckedAndSaidPlainly() {
    var res = server.as(admin).post("/api/v1/users", new JsonObject().put("email", "not-an-email").put("displayName", "X")
        .put("password", "long-enough-password"));
    assertProblem(res, 400, "email", "must be an email address");
  }

  @Test
  void aKnownFieldWithABadValueIsNotCalledUnknown() {
    var res = server.as(admin).patch("/api/v1/users/" + admin.id(), new JsonObject().put("active", "yes"));
    assertProblem(res, 400, "active", "must be a boolean");
    assertEquals(1, res.bodyAsJsonObject().getJsonArray("errors").size(), res.bodyAsString());
  }

  @Test
  void queryParametersAreValidated() {
    var res = server.as(admin).get("/api/v1/audit?limit=500");
    assertProblem(res, 400, "limit", "must be at most 200");
    assertProblem(server.as(admin).get("/api/v1/audit?limit=abc"), 400, "limit", "must be an integer");
    assertEquals(200, server.as(admin).get("/api/v1/audit?limit=5").statusCode());
  }

  @Test
  void aPathIdThatCannotExistIsStillA404() {
    var res = server.as(admin).get("/api/v1/users/abc");
    assertEquals(404, res.statusCode(), res.bodyAsString());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
  }

  @Test
  void aValidRequestPassesAndReachesTheRoute() {
    var res = server.as(admin).post("/api/v1/teams", new JsonObject().put("name", "Contract team"));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    var withCharset = server.as(admin).send(HttpMethod.POST, "/api/v1/teams", "application/json; charset=utf-8",
        Buffer.buffer(new JsonObject().put("name", "Contract team 2").encode()));
    assertEquals(201, withCharset.statusCode(), withCharset.bodyAsString());
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedClearly() {
    var res = server.as(admin).send(HttpMethod.POST, "/api/v1/teams", "text/plain", Buffer.buffer("name=x"));
    assertEquals(415, res.statusCode(), res.bodyAsString());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
    res = server.as(admin).send(HttpMethod.POST, "/api/v1/teams", "application/json", Buffer.buffer(""));
    assertEquals(400, res.statusCode(), res.bodyAsString());
    res = server.as(admin).send(HttpMethod.POST, "/api/v1/teams", "application/json", Buffer.buffer("{\"name\": "));
    assertEquals(400, res.statusCode(), res.bodyAsString());
    assertEquals("The request body is not valid JSON.", res.bodyAsJsonObject().getString("detail"));
  }

  /** Issue 16: where the code and the document disagreed, the document now states what the code accepts. */
  @Test
  void theDocumentAndTheCodeAgreeOnKindsPasswordsAndCustomCadences() {
    Fixtures.Person peer = server.fixtures().aPeer(admin.orgId());
    var unknownKind = server.as(peer).get("/api/v1/me/disclosure/items/" + "k".repeat(100));
    assertProblem(unknownKind, 400, "kind", null);
    assertTrue(unknownKind.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message").contains("pronouns"));

    // maxLength counts characters (code points) in the document and now in the code: 1,024 emoji is a valid password.
    String longest = "\uD83D\uDE00".repeat(1024);
    var created = server.as(admin).post("/api/v1/users", new JsonObject().put("email", "emoji@example.test")
        .put("displayName", "Emoji").put("password", longest));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertProblem(server.as(admin).post("/api/v1/users", new JsonObject().put("email", "emoji2@example.test")
        .put("displayName", "Emoji").put("password", longest + "x")), 400, "password", "must be at most 1024 characters");

    Fixtures.Person supervisor = server.fixtures().aSupervisor(admin.orgId());
    long pairing = server.fixtures().aPairing(supervisor, peer, "peer");
    JsonObject schedule = new JsonObject().put("cadence", "custom").put("firstStart", "2026-03-03T10:00")
        .put("durationMinutes", 60).put("modality", "video");
    assertProblem(server.as(supervisor).put("/api/v1/supervision/pairings/" + pairing + "/schedule", schedule), 400, "rrule", "is required");
    assertProblem(server.as(supervisor).put("/api/v1/supervision/pairings/" + pairing + "/schedule", schedule.copy().put("rrule", " ")),
        400, "rrule", "must not be blank");
    assertProblem(server.as(supervisor).put("/api/v1/supervision/pairings/" + pairing + "/schedule", schedule.copy().put("firstStart", "soon")
        .put("cadence", "weekly")), 400, "firstStart", "must be a local date-time like 2026-03-10T16:00");

    long circle = server.fixtures().aCircle(admin.orgId(), peer);
    var partial = server.as(peer).put("/api/v1/circles/" + circle, new JsonObject().put("name", "Circle")
        .put("meeting", new JsonObject().put("cadence", "weekly")));
    assertProblem(partial, 400, "meeting.firstStart", "is required");
    assertProblem(partial, 400, "meeting.durationMinutes", "is required");
  }

  /**
   * Issue 16: circles' handlers no longer re-check shape; the contract says what a wrong shape is (in the
   * same words the Java checks used), and Java keeps only the rules across fields or about meaning.
   */
  @Test
  void circlesShapeIsTheContractsAndItsRulesStayInJava() {
    Fixtures.Person peer = server.fixtures().aPeer(admin.orgId());
    long circle = server.fixtures().aCircle(admin.orgId(), peer);
    String at = "/api/v1/circles/" + circle;
    assertProblem(server.as(peer).post(at + "/join", new JsonObject().put("acceptGroundRules", false)), 400, "acceptGroundRules", "must be true");
    assertProblem(server.as(peer).put(at, new JsonObject().put("name", "   ")), 400, "name", "must not be blank");
    assertProblem(server.as(peer).put(at + "/read", new JsonObject().put("seq", -1)), 400, "seq", "must be at least 0");
    assertProblem(server.as(peer).put("/api/v1/circle-crisis-resources", new JsonObject()), 400, "body", "is required");
    // Rules across fields and about meaning: still Java's, still named.
    assertProblem(server.as(peer).put(at, new JsonObject().put("name", "Circle").put("meeting", new JsonObject().put("rrule", "FREQ=WEEKLY"))),
        400, "meeting.cadence", null);
    assertProblem(server.as(peer).put(at, new JsonObject().put("name", "Circle").put("meeting", new JsonObject())), 400, "meeting.where", null);
    assertProblem(server.as(peer).put(at, new JsonObject().put("name", "Circle").put("meeting", new JsonObject().put("cadence", "weekly")
        .put("firstStart", "2026-02-30T10:00").put("durationMinutes", 60))), 400, "meeting.firstStart", null);
    assertProblem(server.as(peer).post(at + "/reports/1/resolution", new JsonObject().put("action", "mute")), 400, "muteHours",
        "is required with the mute action");
    assertProblem(server.as(peer).post(at + "/reports/1/resolution", new JsonObject().put("action", "hide").put("muteHours", 2)), 400,
        "muteHours", "goes only with the mute action");
  }

  /** Issue 16: people's handlers no longer re-check shape; what the Java checks said, the contract now says. */
  @Test
  void peoplesShapeIsTheContracts() {
    assertProblem(server.as(admin).post("/api/v1/users", new JsonObject().put("email", "nodot@localhost").put("displayName", "No dot")
        .put("password", "long enough password")), 400, "email", "must be an email address");
    assertProblem(server.as(admin).post("/api/v1/users", new JsonObject().put("email", "blank@example.test").put("displayName", "  ")
        .put("password", "long enough password")), 400, "displayName", "must not be blank");
    assertProblem(server.as(admin).post("/api/v1/users", new JsonObject().put("email", "short@example.test").put("displayName", "Short")
        .put("password", "eleven char")), 400, "password", "must be at least 12 characters");
    assertProblem(server.as(admin).post("/api/v1/teams", new JsonObject().put("name", " ")), 400, "name", "must not be blank");
    assertProblem(server.as(admin).patch("/api/v1/organization", new JsonObject().put("name", "Org").put("timeZone", "Mars/Olympus")),
        400, "timeZone", null);
    var created = server.as(admin).post("/api/v1/users", new JsonObject().put("email", "Mixed.Case@Example.test").put("displayName", " Trimmed ")
        .put("password", "long enough password"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("mixed.case@example.test", created.bodyAsJsonObject().getString("email"));
    assertEquals("Trimmed", created.bodyAsJsonObject().getString("displayName"));
  }

  /** Issue 16: supervision's pairing, session and record handlers (the draft body aside) no longer re-check shape. */
  @Test
  void supervisionShapeIsTheContractsAndItsRulesStayInJava() {
    Fixtures.Person peer = server.fixtures().aPeer(admin.orgId());
    Fixtures.Person supervisor = server.fixtures().aSupervisor(admin.orgId());
    long pairing = server.fixtures().aPairing(supervisor, peer, "peer");
    String at = "/api/v1/supervision/pairings/" + pairing;
    assertProblem(server.as(supervisor).put(at + "/agreement", new JsonObject().put("cadence", " ").put("confidentiality", "Kept")
        .put("expectations", "Met")), 400, "cadence", "must not be blank");
    assertProblem(server.as(peer).post(at + "/agenda", new JsonObject().put("text", "\n")), 400, "text", "must not be blank");
    assertProblem(server.as(peer).post(at + "/agreement/acknowledge", new JsonObject().put("version", 3_000_000_000L)), 400, "version", null);
    assertProblem(server.as(supervisor).put(at + "/schedule", new JsonObject().put("cadence", "weekly").put("firstStart", "2026-02-30T10:00")
        .put("durationMinutes", 60).put("modality", "video")), 400, "firstStart", null);
    assertProblem(server.as(supervisor).post(at + "/sessions", new JsonObject().put("durationMinutes", 5)), 400, "durationMinutes",
        "must be at least 10");
  }

  /**
   * Issue 16: bodies shared with a page form keep one Java reader; the contract repeats its limits, so a blank
   * text is the contract's 400 and what depends on the kind in the path (a pronoun's 40 characters) the reader's.
   */
  @Test
  void sharedBodiesAreRefusedByTheContractAndTheReaderAlike() {
    var peer = server.as(server.fixtures().aPeer(admin.orgId()));
    String items = "/api/v1/me/disclosure/items/";
    assertProblem(peer.put(items + "recovery_story", new JsonObject().put("text", " \n")), 400, "text", "must not be blank");
    assertProblem(peer.put(items + "languages", new JsonObject().put("values", new JsonArray().add("Tagalog").add(" "))), 400,
        "values[1]", "must not be blank");
    assertProblem(peer.put(items + "pronouns", new JsonObject().put("text", "x".repeat(41))), 400, "text", "must be at most 40 characters");
    assertProblem(peer.post("/api/v1/checkins", new JsonObject().put("unit", "percent").put("activities", new JsonObject())
        .put("pulses", new JsonObject()).put("reflection", "x".repeat(4001))), 400, "reflection", "must be at most 4000 characters");
  }

  @Test
  void everyMountedApiRouteHasAnOperationInTheContract(Vertx vertx) {
    ApiContract api = ApiContract.load(vertx).await();
    Router router = Routes.create(server.services(), api);
    JsonObject paths = api.document().getJsonObject("paths");
    Set<String> documented = new TreeSet<>();
    paths.forEach(p -> ((JsonObject) p.getValue()).fieldNames().forEach(m -> documented.add(m.toUpperCase() + " " + shape(p.getKey()))));
    List<String> missing = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || !path.startsWith("/api/v1/") || !route.isExactPath() || path.equals(ContractValidation.DOCUMENT_PATH)) {
        continue;
      }
      Set<HttpMethod> methods = route.methods() == null || route.methods().isEmpty() ? Set.of(HttpMethod.GET) : route.methods();
      for (HttpMethod m : methods) {
        String key = m.name() + " " + shape(path);
        checked.add(key);
        if (!documented.contains(key)) {
          missing.add(m.name() + " " + path);
        }
      }
    }
    assertTrue(checked.size() >= 15, "the walk found the people routes: " + checked);
    assertTrue(missing.isEmpty(), "routes with no operation in openapi/<feature>.json: " + missing);
  }

  /** A path with its parameter names erased: /api/v1/users/:userId and /api/v1/users/{id} have one shape. */
  private static String shape(String path) {
    return path.replaceAll("\\{[^}/]+}", "{}").replaceAll(":[A-Za-z0-9_]+", "{}");
  }

  private static Set<String> fields(JsonArray errors) {
    Set<String> out = new TreeSet<>();
    errors.forEach(e -> out.add(((JsonObject) e).getString("field")));
    return out;
  }

  private static void assertProblem(HttpResponse<Buffer> res, int status, String field, String message) {
    assertEquals(status, res.statusCode(), res.bodyAsString());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
    JsonObject problem = res.bodyAsJsonObject();
    assertFalse(res.bodyAsString().contains("Exception"), res.bodyAsString());
    JsonArray errors = problem.getJsonArray("errors");
    assertNotNull(errors, problem.encode());
    JsonObject error = errors.stream().map(JsonObject.class::cast).filter(e -> field.equals(e.getString("field"))).findFirst()
        .orElseThrow(() -> new AssertionError("no error for " + field + " in " + problem.encode()));
    if (message != null) {
      assertEquals(message, error.getString("message"), problem.encode());
    }
  }
}
