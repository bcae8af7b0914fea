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
 * kind of viewer, through every read path: profile API, profile page, preview, set-based
 * visibleProfiles, and the owner's own "who can see it now" list. Viewers include people who lost
 * the role the audience's feature requires, deactivated accounts, a signed-out session, and a second
 * organization made the way {@code create-admin --org} makes one.
 */
@ExtendWith(ServerPerClass.class)
class DisclosureMatrixIT {
  static final List<String> AUDIENCES = List.of("only_me", "person", "supervisors", "pairing", "circle", "team", "organization");
  static final List<String> VIEWERS = List.of("owner", "named", "named_deactivated", "stranger", "teammate", "teammate_deactivated",
      "teammate_lost_peer", "signed_out", "circle_member", "former_circle_member", "circle_member_lost_peer", "circle_member_deactivated",
      "supervisor", "former_supervisor", "supervisor_lost_role", "supervisor_deactivated", "admin", "other_org", "other_org_admin");
  /** Viewer → the audiences that open items to them (the owner sees everything). */
  static final Map<String, Set<String>> OPENS = Map.ofEntries(
      Map.entry("named", Set.of("person", "organization")),
      Map.entry("named_deactivated", Set.of()),
      Map.entry("stranger", Set.of("organization")),
      Map.entry("teammate", Set.of("team", "organization")),
      Map.entry("teammate_deactivated", Set.of()),
      // Teams require no role, so losing the peer role changes nothing there.
      Map.entry("teammate_lost_peer", Set.of("team", "organization")),
      // Signing out ends the session, not the entitlement: the owner's list and preview still count them.
      Map.entry("signed_out", Set.of("team", "organization")),
      Map.entry("circle_member", Set.of("circle", "organization")),
      Map.entry("former_circle_member", Set.of("organization")),
      Map.entry("circle_member_lost_peer", Set.of("organization")),
      Map.entry("circle_member_deactivated", Set.of()),
      Map.entry("supervisor", Set.of("supervisors", "pairing", "organization")),
      Map.entry("former_supervisor", Set.of("organization")),
      Map.entry("supervisor_lost_role", Set.of("organization")),
      Map.entry("supervisor_deactivated", Set.of()),
      Map.entry("admin", Set.of("organization")),
      Map.entry("other_org", Set.of()),
      Map.entry("other_org_admin", Set.of()));
  static final Set<String> NO_SESSION = Set.of("named_deactivated", "teammate_deactivated", "circle_member_deactivated",
      "supervisor_deactivated", "signed_out");
  static final Set<String> OTHER_ORG = Set.of("other_org", "other_org_admin");

  static TestServer server;
  static long org;
  static long teamId;
  static final Map<String, Person> owners = new LinkedHashMap<>();
  static final Map<String, Person> viewers = new LinkedHashMap<>();
  static final Map<Long, Api> apis = new HashMap<>();

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    Fixtures f = server.fixtures();
    org = f.anOrganization();
    AUDIENCES.forEach(a -> owners.put(a, f.aPeer(org)));
    Person[] ownerArr = owners.values().toArray(new Person[0]);
    secondOrganization();
    for (String v : VIEWERS.subList(1, VIEWERS.size())) {
      if (!OTHER_ORG.contains(v)) {
        viewers.put(v, switch (v) {
          case "supervisor", "former_supervisor", "supervisor_lost_role", "supervisor_deactivated" -> f.aPerson(org, "supervisor", "peer");
          case "admin" -> f.anAdmin(org);
          default -> f.aPeer(org);
        });
      }
    }
    teamId = f.aTeam(org, concat(ownerArr, pick("teammate", "teammate_deactivated", "teammate_lost_peer", "signed_out")));
    long circle = f.aCircle(org, concat(ownerArr, pick("circle_member", "former_circle_member", "circle_member_lost_peer",
        "circle_member_deactivated")));
    Map<Long, List<Long>> pairingsOf = new HashMap<>();
    for (Person o : ownerArr) {
      for (String s : List.of("supervisor", "supervisor_lost_role", "supervisor_deactivated")) {
        pairingsOf.computeIfAbsent(o.id(), k -> new java.util.ArrayList<>()).add(f.aPairing(viewers.get(s), o, "peer"));
      }
      f.endPairing(f.aPairing(viewers.get("former_supervisor"), o, "peer"));
    }
    owners.forEach((audience, owner) -> share(owner, audience, pairingsOf.get(owner.id()), circle));
    // Changes after the grants were made: each of these must lose what the audience gave them.
    f.leaveCircle(circle, viewers.get("former_circle_member"));
    Api admin = as(viewers.get("admin"));
    changeUser(admin, "supervisor_lost_role", new JsonObject().put("roles", new JsonArray().add("peer")));
    changeUser(admin, "circle_member_lost_peer", new JsonObject().put("roles", new JsonArray().add("supervisor")));
    changeUser(admin, "teammate_lost_peer", new JsonObject().put("roles", new JsonArray().add("supervisor")));
    for (String v : List.of("named_deactivated", "teammate_deactivated", "circle_member_deactivated", "supervisor_deactivated")) {
      as(viewers.get(v));
      changeUser(admin, v, new JsonObject().put("active", false));
    }
    Api signedOut = as(viewers.get("signed_out"));
    assertEquals(204, signedOut.post("/api/v1/auth/logout", new JsonObject()).statusCode());
  }

  /** A second organization through the create-admin path, whose administrator adds one peer. */
  static void secondOrganization() {
    String email = "second-admin-" + System.nanoTime() + "@example.test";
    var made = server.services().people().bootstrap("Second Org", "America/Chicago", email, "Second Admin", Fixtures.PASSWORD).await();
    Person admin2 = new Person(made.id(), made.orgId(), email, "Second Admin", new String[] {"admin"});
    viewers.put("other_org_admin", admin2);
    String peerEmail = "second-peer-" + System.nanoTime() + "@example.test";
    var res = as(admin2).post("/api/v1/users", new JsonObject().put("email", peerEmail).put("displayName", "Second Peer")
        .put("roles", new JsonArray().add("peer")).put("password", Fixtures.PASSWORD));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    viewers.put("other_org", new Person(res.bodyAsJsonObject().getLong("id"), made.orgId(), peerEmail, "Second Peer", new String[] {"peer"}));
  }

  static void share(Person owner, String audience, List<Long> pairings, long circle) {
    Api api = as(owner);
    for (ItemKind k : ItemKind.values()) {
      var res = api.put("/api/v1/me/disclosure/items/" + k.dbName(), DisclosureTestData.content(k, owner.id()));
      assertEquals(200, res.statusCode(), res.bodyAsString());
      if (audience.equals("only_me")) {
        continue;
      }
      JsonArray grants = new JsonArray();
      switch (audience) {
        case "person" -> List.of("named", "named_deactivated").forEach(v ->
            grants.add(new JsonObject().put("type", "person").put("userId", viewers.get(v).id())));
        case "pairing" -> pairings.forEach(id -> grants.add(new JsonObject().put("type", "pairing").put("pairingId", id)));
        case "circle" -> grants.add(new JsonObject().put("type", "circle").put("circleId", circle));
        default -> grants.add(new JsonObject().put("type", audience));
      }
      var g = api.put("/api/v1/me/disclosure/items/" + k.dbName() + "/audiences", new JsonObject().put("audiences", grants));
      assertEquals(200, g.statusCode(), g.bodyAsString());
    }
  }

  static void changeUser(Api admin, String viewer, JsonObject change) {
    var res = admin.patch("/api/v1/users/" + viewers.get(viewer).id(), change);
    assertEquals(200, res.statusCode(), res.bodyAsString());
  }

  static Person[] pick(String... names) {
    return java.util.Arrays.stream(names).map(viewers::get).toArray(Person[]::new);
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
      if (OTHER_ORG.contains(v) || NO_SESSION.contains(v)) {
        assertEquals(OTHER_ORG.contains(v) ? 404 : 401, res.statusCode(), where);
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
      if (OTHER_ORG.contains(v) || NO_SESSION.contains(v)) {
        if (OTHER_ORG.contains(v)) {
          assertEquals(404, res.statusCode(), where);
        } else {
          assertTrue(res.statusCode() == 302 || !res.followedRedirects().isEmpty(), where + ": sent to sign in");
        }
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
      if (OTHER_ORG.contains(v)) {
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

  @Test
  void theOwnersListOfWhoCanSeeEachItemNowIsTheMatrix() {
    owners.forEach((audience, owner) -> {
      var res = as(owner).get("/api/v1/me/disclosure/viewers");
      assertEquals(200, res.statusCode(), res.bodyAsString());
      Set<Long> expectedIds = new TreeSet<>();
      viewers.forEach((v, p) -> {
        if (expected(v, audience)) {
          expectedIds.add(p.id());
        }
      });
      // The other owners are on the same team and circle, and in the organization.
      if (Set.of("circle", "team", "organization").contains(audience)) {
        owners.values().stream().filter(o -> o.id() != owner.id()).forEach(o -> expectedIds.add(o.id()));
      }
      JsonArray items = res.bodyAsJsonObject().getJsonArray("items");
      assertEquals(ItemKind.values().length, items.size());
      items.forEach(o -> {
        JsonObject item = (JsonObject) o;
        Set<Long> ids = new TreeSet<>();
        item.getJsonArray("viewers").forEach(x -> ids.add(((JsonObject) x).getLong("id")));
        assertEquals(expectedIds, ids, audience + " " + item.getString("kind"));
      });
      if (audience.equals("team")) {
        assertTrue(res.bodyAsString().contains(viewers.get("teammate").displayName()), "resolved names, not ids");
      }
    });
  }

  @Test
  void noReadPathExportOrAggregateCrossesOrganizations() {
    Api otherAdmin = as(viewers.get("other_org_admin"));
    Api otherPeer = as(viewers.get("other_org"));
    Set<Long> firstOrg = new TreeSet<>();
    owners.values().forEach(p -> firstOrg.add(p.id()));
    viewers.forEach((v, p) -> {
      if (!OTHER_ORG.contains(v)) {
        firstOrg.add(p.id());
      }
    });
    // People directory (the lookup every page uses), for the admin and for a peer.
    for (Api api : List.of(otherAdmin, otherPeer)) {
      var users = api.get("/api/v1/users");
      assertEquals(200, users.statusCode());
      users.bodyAsJsonObject().getJsonArray("items").forEach(o -> assertTrue(!firstOrg.contains(((JsonObject) o).getLong("id"))));
      firstOrg.forEach(id -> assertEquals(404, api.get("/api/v1/users/" + id).statusCode()));
    }
    // Audit export, program aggregate, team list.
    String audit = otherAdmin.get("/api/v1/audit?limit=200").bodyAsString();
    firstOrg.forEach(id -> assertTrue(!audit.contains("\"actorId\":" + id + ","), "audit entry of the first organization"));
    assertTrue(otherAdmin.get("/api/v1/checkins/program").bodyAsJsonObject().getJsonArray("teams").isEmpty());
    String teams = otherAdmin.get("/api/v1/teams").bodyAsString();
    assertTrue(!teams.contains("\"id\":" + teamId + ","), teams);
    // Access-log CSV of the other organization's peer, and of a first-organization owner: no crossing names.
    String csv = otherPeer.get("/api/v1/me/disclosure/access-log.csv").bodyAsString();
    owners.values().forEach(p -> assertTrue(!csv.contains(p.displayName()), csv));
    String ownerCsv = as(owners.get("organization")).get("/api/v1/me/disclosure/access-log.csv").bodyAsString();
    assertTrue(!ownerCsv.contains("Second Peer") && !ownerCsv.contains("Second Admin"), ownerCsv);
    // The other way: the first organization's admin cannot reach the second organization's people or profiles.
    Api admin = as(viewers.get("admin"));
    assertEquals(404, admin.get("/api/v1/users/" + viewers.get("other_org").id()).statusCode());
    assertEquals(404, admin.get("/api/v1/people/" + viewers.get("other_org").id() + "/profile").statusCode());
    assertEquals(404, admin.put("/api/v1/teams/" + teamId + "/members/" + viewers.get("other_org").id(), new JsonObject()).statusCode());
  }
}
