package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.auth.AuthHandler;
import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.Fixtures.Person;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The settings page and its forms: same validation and policy as the API, accessible markup, CSRF on cookie sessions. */
@ExtendWith(ServerPerClass.class)
class DisclosurePagesIT {
  static TestServer server;
  static Fixtures f;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    f = server.fixtures();
    org = f.anOrganization();
  }

  static HttpResponse<Buffer> page(Api api, String path) {
    return api.request(HttpMethod.GET, path).putHeader("Accept", "text/html").send().await();
  }

  static HttpResponse<Buffer> post(Api api, String path, MultiMap form) {
    return api.request(HttpMethod.POST, path).putHeader("Accept", "text/html").sendForm(form).await();
  }

  @Test
  void theSettingsPageSavesContentAndAudiencesThroughForms() {
    Person owner = f.aPeer(org);
    Person supervisor = f.aSupervisor(org);
    Person colleague = f.aPeer(org);
    long pairing = f.aPairing(supervisor, owner, "peer");
    Api api = server.as(owner);
    String html = page(api, "/disclosure").bodyAsString();
    assertTrue(html.contains("<legend>What to say</legend>"));
    assertFalse(html.contains("<legend>Who may see it</legend>"), "no audience form before anything is written");
    assertTrue(html.contains("data-confirm="), "hide everything asks first");
    assertTrue(html.contains("/static/js/disclosure.js"));

    var saved = post(api, "/disclosure/items/lived_experience", MultiMap.caseInsensitiveMultiMap().add("areas", "trauma").add("areas", "homelessness"));
    assertEquals(302, saved.statusCode(), saved.bodyAsString());
    var story = post(api, "/disclosure/items/recovery_story", MultiMap.caseInsensitiveMultiMap().add("text", "story-marker-page"));
    assertEquals(302, story.statusCode());
    var shared = post(api, "/disclosure/items/lived_experience/audiences", MultiMap.caseInsensitiveMultiMap()
        .add("audience", "pairing:" + pairing).add("person", String.valueOf(colleague.id())).add("expiresAt", "2099-01-31"));
    assertEquals(302, shared.statusCode(), shared.bodyAsString());
    JsonObject item = api.get("/api/v1/me/disclosure/items/lived_experience").bodyAsJsonObject();
    assertEquals(2, item.getJsonArray("audiences").size(), item.encode());

    html = page(api, "/disclosure").bodyAsString();
    assertTrue(html.contains("<legend>Who may see it</legend>"));
    assertTrue(html.contains("value=\"2099-01-31\""), "the expiry date round-trips");
    assertTrue(html.contains("story-marker-page"), "the owner sees their own story in the editor");

    assertEquals(List.of("lived_experience"), kinds(server.as(supervisor), owner));
    assertEquals(List.of("lived_experience"), kinds(server.as(colleague), owner));

    var preview = page(api, "/disclosure?as=" + supervisor.id()).bodyAsString();
    assertTrue(preview.contains("What " + supervisor.displayName() + " sees"));
    assertTrue(preview.contains("trauma, homelessness"));
    assertFalse(preview.substring(preview.indexOf("id=\"preview\"")).contains("story-marker-page"));

    var hidden = post(api, "/disclosure/hide-all", MultiMap.caseInsensitiveMultiMap());
    assertEquals(302, hidden.statusCode());
    assertEquals(List.of(), kinds(server.as(supervisor), owner));
  }

  @Test
  void formErrorsAreShownNamingTheField() {
    Person owner = f.aPeer(org);
    Api api = server.as(owner);
    var bad = post(api, "/disclosure/items/lived_experience", MultiMap.caseInsensitiveMultiMap().add("areas", "astrology"));
    assertEquals(400, bad.statusCode());
    // In the words of the form, not the API's field path (issue 12 item 6).
    assertTrue(bad.bodyAsString().contains("Lived experience areas: must be one of"), bad.bodyAsString());
    assertFalse(bad.bodyAsString().contains("areas[0]"), bad.bodyAsString());
    post(api, "/disclosure/items/pronouns", MultiMap.caseInsensitiveMultiMap().add("text", "she/her"));
    var badAudience = post(api, "/disclosure/items/pronouns/audiences", MultiMap.caseInsensitiveMultiMap().add("audience", "circle:12345"));
    assertEquals(400, badAudience.statusCode());
    assertTrue(badAudience.bodyAsString().contains("Who may see it: must be a circle you are a member of"), badAudience.bodyAsString());
    assertTrue(badAudience.bodyAsString().contains("id=\"item-pronouns\""), "the error is shown at the item");
  }

  @Test
  void cookieSessionsNeedTheCsrfToken() {
    Person owner = f.aPeer(org);
    String token = f.tokenFor(owner);
    var res = server.client().request(HttpMethod.POST, "/disclosure/hide-all").putHeader("Accept", "text/html")
        .putHeader("Cookie", AuthHandler.COOKIE + "=" + token).sendForm(MultiMap.caseInsensitiveMultiMap()).await();
    assertEquals(403, res.statusCode());
  }

  @Test
  void aColleaguesProfilePageFromAnotherOrganizationIsNotFound() {
    Person owner = f.aPeer(org);
    Person outsider = f.aPeer(f.anOrganization());
    assertEquals(404, page(server.as(outsider), "/people/" + owner.id()).statusCode());
    assertEquals(404, page(server.as(outsider), "/people/not-a-number").statusCode());
  }

  /** Probe findings: a form error names the item as the page does, and an unknown choice is refused, not stored as "No". */
  @Test
  void formErrorsUseTheItemsNameAndAnUnknownChoiceIsRefused() {
    Person owner = f.aPeer(org);
    Api api = server.as(owner);
    var bad = post(api, "/disclosure/items/focus_populations", MultiMap.caseInsensitiveMultiMap().add("values", "martians"));
    assertEquals(400, bad.statusCode());
    String html = bad.bodyAsString();
    assertTrue(html.contains("Populations and specialties of focus: must be one of"), html);
    assertTrue(html.contains("young adults"), html);
    assertFalse(html.contains("young_adults,"), "internal codes are not listed");
    assertFalse(html.contains("What to say:"), html);

    var maybe = post(api, "/disclosure/items/identifies_as_peer", MultiMap.caseInsensitiveMultiMap().add("value", "maybe"));
    assertEquals(400, maybe.statusCode(), "an unknown choice is not a silent No");
    assertTrue(maybe.bodyAsString().contains("Whether I identify as a peer at work: must be"), maybe.bodyAsString());
    assertFalse(api.get("/api/v1/me/disclosure/items/identifies_as_peer").bodyAsJsonObject().getBoolean("saved", false),
        "nothing was stored");
    var no = post(api, "/disclosure/items/identifies_as_peer", MultiMap.caseInsensitiveMultiMap().add("value", "false"));
    assertEquals(302, no.statusCode(), no.bodyAsString());
    assertEquals(false, api.get("/api/v1/me/disclosure/items/identifies_as_peer").bodyAsJsonObject().getJsonObject("content").getBoolean("value"));
  }

  /** Issue: circles were offered as "Members of circle 7" and the access log said "accommodations" and "api". */
  @Test
  void circlesItemsAndPlacesAreNamedInWordsThePersonKnows() {
    Person owner = f.aPeer(org);
    Person member = f.aPeer(org);
    long circle = f.aCircle(org, member, owner);
    f.pool().preparedQuery("update circles set name = $2 where id = $1").execute(io.vertx.sqlclient.Tuple.of(circle, "Harbour listeners")).await();
    Api api = server.as(owner);
    assertEquals(302, post(api, "/disclosure/items/accommodations", MultiMap.caseInsensitiveMultiMap().add("text", "quiet room")).statusCode());
    assertEquals(302, post(api, "/disclosure/items/accommodations/audiences",
        MultiMap.caseInsensitiveMultiMap().add("audience", "circle:" + circle)).statusCode());

    String html = page(api, "/disclosure").bodyAsString();
    assertTrue(html.contains("Members of Harbour listeners"), "the circle by its name");
    assertFalse(html.contains("Members of circle " + circle));

    Api m = server.as(member);
    assertEquals(200, m.get("/api/v1/circles/" + circle + "/members").statusCode());
    assertEquals(200, page(m, "/people/" + owner.id()).statusCode());
    assertEquals(200, m.get("/api/v1/people/" + owner.id() + "/profile").statusCode());

    html = page(api, "/disclosure").bodyAsString();
    String log = html.substring(html.indexOf("id=\"h-log\""), html.indexOf("id=\"h-history\""));
    assertTrue(log.contains("<td data-label=\"Item\">Work adjustments that help me (not diagnoses)</td>"), log);
    assertFalse(log.contains(">accommodations<"), log);
    assertTrue(log.contains("<td data-label=\"Where\">a member card in Harbour listeners</td>"), log);
    assertTrue(log.contains("<td data-label=\"Where\">your profile page</td>"), log);
    assertTrue(log.contains("<td data-label=\"Where\">the app or API</td>"), log);
    assertFalse(log.contains(">api<"), log);

    String history = html.substring(html.indexOf("id=\"h-history\""));
    assertTrue(history.contains("Changed who may see (Work adjustments that help me (not diagnoses))"), history);
    assertTrue(history.contains("Saved (Work adjustments that help me (not diagnoses))"), history);
    assertFalse(history.contains("audiences changed") || history.contains("(accommodations)"), history);

    String[] csv = api.get("/api/v1/me/disclosure/access-log.csv").bodyAsString().split("\r\n");
    assertEquals("at,viewer_id,viewer_name,item,where,item_label,where_label", csv[0]);
    assertTrue(csv[1].endsWith(",accommodations,api,Work adjustments that help me (not diagnoses),the app or API"), csv[1]);
  }

  static List<String> kinds(Api viewer, Person owner) {
    return viewer.get("/api/v1/people/" + owner.id() + "/profile").bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("kind")).toList();
  }

  @Test
  void everyMountedDisclosureApiRouteIsInTheOpenApiFragment() throws Exception {
    JsonObject contract;
    try (var in = getClass().getResourceAsStream("/openapi/disclosure.json")) {
      contract = new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    JsonObject paths = contract.getJsonObject("paths");
    int checked = 0;
    for (var route : io.mooring.Routes.create(server.services(), io.mooring.platform.http.ApiContract.load(server.vertx()).await()).getRoutes()) {
      String path = route.getPath();
      if (path == null || !(path.startsWith("/api/v1/me/disclosure") || path.equals("/api/v1/people/:userId/profile"))) {
        continue;
      }
      String openapi = path.replaceAll(":(\\w+)", "{$1}");
      assertTrue(paths.containsKey(openapi), openapi + " is missing from the contract");
      for (HttpMethod m : route.methods()) {
        JsonObject op = paths.getJsonObject(openapi).getJsonObject(m.name().toLowerCase());
        assertTrue(op != null && op.getString("operationId") != null, m + " " + openapi + " has no operation");
        checked++;
      }
    }
    assertEquals(11, checked);
  }
}
