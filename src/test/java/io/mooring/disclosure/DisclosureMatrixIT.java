package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.Fixtures.Person;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The full matrix: one owner per audience (every item kind shared with that audience) against every
 * kind of viewer, through every read path: profile API, profile page, preview, set-based visibleProfiles.
 */
@ExtendWith(ServerPerClass.class)
class DisclosureMatrixIT {
  static final List<String> AUDIENCES = List.of("only_me", "person", "supervisors", "pairing", "circle", "team", "organization");
  static final List<String> VIEWERS = List.of("owner", "named", "stranger", "teammate", "circle_member", "former_circle_member",
      "supervisor", "former_supervisor", "admin", "other_org");
  /** Viewer → the audiences that open items to them (the owner sees everything; "other_org" nothing). */
  static final Map<String, Set<String>> OPENS = Map.of(
      "named", Set.of("person", "organization"),
      "stranger", Set.of("organization"),
      "teammate", Set.of("team", "organization"),
      "circle_member", Set.of("circle", "organization"),
      "former_circle_member", Set.of("organization"),
      "supervisor", Set.of("supervisors", "pairing", "organization"),
      "former_supervisor", Set.of("organization"),
      "admin", Set.of("organization"),
      "other_org", Set.of());

  static TestServer server;
  static final Map<String, Person> owners = new LinkedHashMap<>();
  static final Map<String, Person> viewers = new LinkedHashMap<>();
  static final Map<Long, Api> apis = new HashMap<>();

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    Fixtures f = server.fixtures();
    long org = f.anOrganization();
    AUDIENCES.forEach(a -> owners.put(a, f.aPeer(org)));
    Person[] ownerArr = owners.values().toArray(new Person[0]);
    for (String v : VIEWERS.subList(1, VIEWERS.size())) {
      viewers.put(v, switch (v) {
        case "supervisor", "former_supervisor" -> f.aPerson(org, "supervisor", "peer");
        case "admin" -> f.anAdmin(org);
        case "other_org" -> f.aPeer(f.anOrganization());
        default -> f.aPeer(org);
      });
    }
    f.aTeam(org, concat(ownerArr, viewers.get("teammate")));
    long circle = f.aCircle(org, concat(ownerArr, viewers.get("circle_member"), viewers.get("former_circle_member")));
    Map<Long, Long> pairingOf = new HashMap<>();
    for (Person o : ownerArr) {
      pairingOf.put(o.id(), f.aPairing(viewers.get("supervisor"), o, "peer"));
      f.endPairing(f.aPairing(viewers.get("former_supervisor"), o, "peer"));
    }
    owners.forEach((audience, owner) -> {
      Api api = as(owner);
      for (ItemKind k : ItemKind.values()) {
        var res = api.put("/api/v1/me/disclosure/items/" + k.dbName(), DisclosureTestData.content(k, owner.id()));
        assertEquals(200, res.statusCode(), res.bodyAsString());
        if (!audience.equals("only_me")) {
          JsonObject grant = new JsonObject().put("type", audience);
          switch (audience) {
            case "person" -> grant.put("userId", viewers.get("named").id());
            case "pairing" -> grant.put("pairingId", pairingOf.get(owner.id()));
            case "circle" -> grant.put("circleId", circle);
            default -> { }
          }
          var g = api.put("/api/v1/me/disclosure/items/" + k.dbName() + "/audiences", new JsonObject().put("audiences", new JsonArray().add(grant)));
          assertEquals(200, g.statusCode(), g.bodyAsString());
        }
      }
    });
    // Membership changes after the grants were made: these two must lose what the circle gave them.
    f.leaveCircle(circle, viewers.get("former_circle_member"));
  }

  static Person[] concat(Person[] a, Person... b) {
    Person[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static Api as(Person p) {
    return apis.computeIfAbsent(p.id(), id -> server.as(p));
  }

  static Person viewer(String name, Person owner) {
    return name.equals("owner") ? owner : viewers.get(name);
  }

  static boolean expected(String viewer, String audience) {
    return viewer.equals("owner") || OPENS.get(viewer).contains(audience);
  }

  static Set<String> allKinds() {
    return new TreeSet<>(ItemKind.NAMES);
  }

  static Set<String> kinds(JsonArray items) {
    Set<String> out = new TreeSet<>();
    items.forEach(o -> out.add(((JsonObject) o).getString("kind")));
    return out;
  }

  @Test
  void profileApi() {
    owners.forEach((audience, owner) -> VIEWERS.forEach(v -> {
      var res = as(viewer(v, owner)).get("/api/v1/people/" + owner.id() + "/profile");
      String where = v + " viewing " + audience;
      if (v.equals("other_org")) {
        assertEquals(404, res.statusCode(), where);
        assertTrue(!res.bodyAsString().contains("marker"), where);
        return;
      }
      assertEquals(200, res.statusCode(), where);
      assertEquals(expected(v, audience) ? allKinds() : Set.of(), kinds(res.bodyAsJsonObject().getJsonArray("items")), where);
      if (expected(v, audience)) {
        assertTrue(res.bodyAsString().contains(DisclosureTestData.marker(ItemKind.RECOVERY_STORY, owner.id())), where);
      } else {
        assertTrue(!res.bodyAsString().contains("marker"), where);
      }
    }));
  }

  @Test
  void profilePage() {
    owners.forEach((audience, owner) -> VIEWERS.forEach(v -> {
      var res = as(viewer(v, owner)).request(HttpMethod.GET, "/people/" + owner.id()).putHeader("Accept", "text/html").send().await();
      String where = v + " viewing " + audience;
      String body = res.bodyAsString();
      if (v.equals("other_org")) {
        assertEquals(404, res.statusCode(), where);
        assertTrue(!body.contains("marker"), where);
        return;
      }
      assertEquals(200, res.statusCode(), where);
      for (ItemKind k : ItemKind.values()) {
        assertEquals(expected(v, audience), body.contains("<dt>" + k.label + "</dt>"), where + " " + k);
        String m = DisclosureTestData.marker(k, owner.id());
        if (m != null) {
          assertEquals(expected(v, audience), body.contains(m), where + " " + k);
        }
      }
    }));
  }

  @Test
  void previewShowsTheOwnerExactlyWhatEachViewerSees() {
    owners.forEach((audience, owner) -> VIEWERS.stream().filter(v -> !v.equals("owner")).forEach(v -> {
      var res = as(owner).get("/api/v1/me/disclosure/preview?as=" + viewers.get(v).id());
      String where = "preview as " + v + " of " + audience;
      if (v.equals("other_org")) {
        assertEquals(404, res.statusCode(), where);
        return;
      }
      assertEquals(200, res.statusCode(), where);
      assertEquals(expected(v, audience) ? allKinds() : Set.of(), kinds(res.bodyAsJsonObject().getJsonArray("items")), where);
    }));
  }

  @Test
  void setBasedVisibleProfiles() {
    List<Long> ownerIds = owners.values().stream().map(Person::id).toList();
    VIEWERS.stream().filter(v -> !v.equals("owner")).forEach(v -> {
      CurrentUser viewer = server.fixtures().currentUser(viewers.get(v));
      Map<Long, JsonArray> seen = server.services().disclosure().visibleProfiles(viewer, ownerIds, "test").await();
      owners.forEach((audience, owner) -> assertEquals(expected(v, audience) ? allKinds() : Set.of(),
          kinds(seen.getOrDefault(owner.id(), new JsonArray())), v + " listing " + audience));
    });
    // Each owner sees their own items in a list too.
    owners.values().forEach(o -> assertEquals(allKinds(), kinds(server.services().disclosure()
        .visibleProfiles(server.fixtures().currentUser(o), ownerIds, "test").await().get(o.id()))));
  }
}
