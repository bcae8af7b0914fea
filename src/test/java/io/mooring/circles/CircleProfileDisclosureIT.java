package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Circle member lists and live profile cards go through the real disclosure policy: a member sees
 * exactly what the owner shared with the circle, a revocation shows on the next request and on an
 * open socket, and each card shown is in the owner's access log.
 */
@ExtendWith(ServerPerClass.class)
class CircleProfileDisclosureIT {
  static TestServer server;
  static Vertx vertx;
  static Fixtures f;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    vertx = started.vertx();
    f = server.fixtures();
    org = f.anOrganization();
  }

  static JsonObject card(Api viewer, long circleId, long ownerId) {
    var res = viewer.get("/api/v1/circles/" + circleId + "/members");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(m -> m.getLong("id") == ownerId).findFirst().orElseThrow();
  }

  static String disclosed(JsonObject card) {
    return card.getJsonArray("disclosed", new JsonArray()).encode();
  }

  static void share(Api owner, String kind, JsonArray audiences) {
    var res = owner.put("/api/v1/me/disclosure/items/" + kind + "/audiences", new JsonObject().put("audiences", audiences));
    assertEquals(200, res.statusCode(), res.bodyAsString());
  }

  @Test
  void memberCardsShowOnlyWhatTheOwnerSharedWithTheCircleAndRevocationIsLive() {
    Fixtures.Person owner = f.aPeer(org);
    Fixtures.Person member = f.aPeer(org);
    Fixtures.Person outsider = f.aPeer(org);
    long circle = f.aCircle(org, owner, member);
    long otherCircle = f.aCircle(org, owner, outsider);
    Api ownerApi = server.as(owner);
    assertEquals(200, ownerApi.put("/api/v1/me/disclosure/items/pronouns",
        new JsonObject().put("text", "xe/xem-" + owner.id())).statusCode());
    assertEquals(200, ownerApi.put("/api/v1/me/disclosure/items/recovery_story",
        new JsonObject().put("text", "story-" + owner.id())).statusCode());

    Api memberApi = server.as(member);
    assertFalse(disclosed(card(memberApi, circle, owner.id())).contains("xe/xem"), "default is only me");

    share(ownerApi, "pronouns", new JsonArray().add(new JsonObject().put("type", "circle").put("circleId", circle)));
    String shown = disclosed(card(memberApi, circle, owner.id()));
    assertTrue(shown.contains("xe/xem-" + owner.id()), shown);
    assertFalse(shown.contains("story-"), "the unshared recovery story stays private");
    assertFalse(disclosed(card(server.as(outsider), otherCircle, owner.id())).contains("xe/xem"),
        "members of another circle are not the audience");

    JsonArray log = ownerApi.get("/api/v1/me/disclosure/access-log").bodyAsJsonObject().getJsonArray("items");
    assertTrue(log.stream().map(o -> (JsonObject) o).anyMatch(v -> v.getLong("viewerId") == member.id()
        && "pronouns".equals(v.getString("kind")) && ("circle:" + circle).equals(v.getString("where"))), log.encode());
    assertTrue(log.stream().map(o -> (JsonObject) o).noneMatch(v -> "recovery_story".equals(v.getString("kind"))),
        "only what was shown is logged");

    try (LiveClient live = LiveClient.connect(vertx, server.port(), server.as(member).token(), circle, null)) {
      live.next("presence");
      share(ownerApi, "pronouns", new JsonArray());
      JsonObject refreshed = live.next(fr -> "profile".equals(fr.getString("type"))
          && fr.getJsonObject("member").getLong("id") == owner.id()).getJsonObject("member");
      assertFalse(disclosed(refreshed).contains("xe/xem"), refreshed.encode());
    }
    assertFalse(disclosed(card(memberApi, circle, owner.id())).contains("xe/xem"), "revoked on the next request");
  }

  /** Issue 10 item 2: the circle audience is the circle's members as the circle pages count them (active peers). */
  @Test
  void aMemberWhoLosesThePeerRoleNoLongerSeesWhatWasSharedWithTheCircle() {
    Fixtures.Person admin = f.anAdmin(org);
    Fixtures.Person owner = f.aPeer(org);
    Fixtures.Person member = f.aPerson(org, "peer", "supervisor");
    long circle = f.aCircle(org, owner, member);
    Api ownerApi = server.as(owner);
    assertEquals(200, ownerApi.put("/api/v1/me/disclosure/items/recovery_story",
        new JsonObject().put("text", "circle-story-" + owner.id())).statusCode());
    share(ownerApi, "recovery_story", new JsonArray().add(new JsonObject().put("type", "circle").put("circleId", circle)));
    Api memberApi = server.as(member);
    assertTrue(memberApi.get("/api/v1/people/" + owner.id() + "/profile").bodyAsString().contains("circle-story-"), "shared while a peer");

    var res = server.as(admin).patch("/api/v1/users/" + member.id(), new JsonObject().put("roles", new JsonArray().add("supervisor")));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    assertEquals(404, memberApi.get("/api/v1/circles/" + circle + "/members").statusCode(), "circle pages treat them as a non-member");
    var profile = memberApi.get("/api/v1/people/" + owner.id() + "/profile");
    assertEquals(200, profile.statusCode());
    assertFalse(profile.bodyAsString().contains("circle-story-"), profile.bodyAsString());
    var page = memberApi.request(io.vertx.core.http.HttpMethod.GET, "/people/" + owner.id()).putHeader("Accept", "text/html").send().await();
    assertEquals(200, page.statusCode());
    assertFalse(page.bodyAsString().contains("circle-story-"), "nor on the profile page");
    assertFalse(ownerApi.get("/api/v1/me/disclosure/viewers").bodyAsString().contains("\"id\":" + member.id() + ","),
        "and the owner's list of who can see it now no longer names them");
  }

  /** Issue 12 item 8: on my own card, what only I can see is marked so and never looks shared. */
  @Test
  void myOwnCardMarksWhatOnlyICanSee() {
    Fixtures.Person owner = f.aPeer(org);
    Fixtures.Person member = f.aPeer(org);
    long circle = f.aCircle(org, owner, member);
    Api ownerApi = server.as(owner);
    ownerApi.put("/api/v1/me/disclosure/items/pronouns", new JsonObject().put("text", "they/them"));
    ownerApi.put("/api/v1/me/disclosure/items/recovery_story", new JsonObject().put("text", "private-story-" + owner.id()));
    share(ownerApi, "pronouns", new JsonArray().add(new JsonObject().put("type", "circle").put("circleId", circle)));

    JsonArray mine = card(ownerApi, circle, owner.id()).getJsonArray("disclosed");
    JsonObject story = mine.stream().map(o -> (JsonObject) o).filter(d -> "recovery_story".equals(d.getString("kind"))).findFirst().orElseThrow();
    JsonObject pronouns = mine.stream().map(o -> (JsonObject) o).filter(d -> "pronouns".equals(d.getString("kind"))).findFirst().orElseThrow();
    assertTrue(story.getBoolean("onlyMe", false), mine.encode());
    assertFalse(pronouns.getBoolean("onlyMe", false), mine.encode());
    assertFalse(disclosed(card(server.as(member), circle, owner.id())).contains("private-story-"), "and others never see it");
  }
}
