package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.Fixtures.Person;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The access log records views by others, item by item and where, and nothing else; the owner reads and exports it. */
@ExtendWith(ServerPerClass.class)
class DisclosureAccessLogIT {
  static TestServer server;
  static Fixtures f;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    f = server.fixtures();
    org = f.anOrganization();
  }

  static JsonArray log(Api owner) {
    var res = owner.get("/api/v1/me/disclosure/access-log");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  void viewsByOthersAreLoggedAndOnlyViews() {
    Person owner = f.aPeer(org);
    Person teammate = f.aPeer(org);
    Person stranger = f.aPeer(org);
    f.aTeam(org, owner, teammate);
    Api o = server.as(owner);
    for (ItemKind k : List.of(ItemKind.PRONOUNS, ItemKind.LANGUAGES, ItemKind.RECOVERY_STORY)) {
      o.put("/api/v1/me/disclosure/items/" + k.dbName(), DisclosureTestData.content(k, owner.id()));
    }
    for (ItemKind k : List.of(ItemKind.PRONOUNS, ItemKind.LANGUAGES)) {
      o.put("/api/v1/me/disclosure/items/" + k.dbName() + "/audiences",
          new JsonObject().put("audiences", new JsonArray().add(new JsonObject().put("type", "team"))));
    }
    // Not views: the owner's own reads, previews, and a colleague who is shown nothing.
    o.get("/api/v1/people/" + owner.id() + "/profile");
    o.request(HttpMethod.GET, "/people/" + owner.id()).putHeader("Accept", "text/html").send().await();
    o.get("/api/v1/me/disclosure/preview?as=" + teammate.id());
    o.request(HttpMethod.GET, "/disclosure?as=" + teammate.id()).putHeader("Accept", "text/html").send().await();
    server.as(stranger).get("/api/v1/people/" + owner.id() + "/profile");
    server.services().disclosure().visibleProfiles(f.currentUser(owner), List.of(owner.id()), "circle_card").await();
    assertEquals(0, log(o).size());

    Api t = server.as(teammate);
    t.get("/api/v1/people/" + owner.id() + "/profile");
    t.request(HttpMethod.GET, "/people/" + owner.id()).putHeader("Accept", "text/html").send().await();
    server.services().disclosure().visibleProfiles(f.currentUser(teammate), List.of(owner.id(), stranger.id()), "circle_card").await();
    JsonArray entries = log(o);
    assertEquals(6, entries.size(), entries.encodePrettily());
    for (Object e : entries) {
      JsonObject row = (JsonObject) e;
      assertEquals(teammate.id(), row.getLong("viewerId"));
      assertEquals(teammate.displayName(), row.getString("viewerName"));
      assertTrue(List.of("pronouns", "languages").contains(row.getString("kind")), row.encode());
    }
    assertEquals(List.of("circle_card", "circle_card", "profile_page", "profile_page", "api", "api"),
        entries.stream().map(x -> ((JsonObject) x).getString("where")).toList());
    assertEquals(0, log(server.as(stranger)).size(), "the stranger has no items, so no one viewed them");

    var csv = o.get("/api/v1/me/disclosure/access-log.csv");
    assertEquals(200, csv.statusCode());
    assertTrue(csv.getHeader("Content-Type").startsWith("text/csv"));
    String[] lines = csv.bodyAsString().split("\r\n");
    assertEquals("at,viewer_id,viewer_name,item,where,item_label,where_label", lines[0]);
    assertEquals(7, lines.length);
    assertTrue(lines[1].contains("," + teammate.displayName() + ","), lines[1]);
    assertEquals(csv.bodyAsString(), o.get("/api/v1/me/disclosure/access-log?format=csv").bodyAsString());
    assertFalse(csv.bodyAsString().contains("marker"));
  }

  @Test
  void theLogIsTheOwnersAloneAndCannotBeChanged() {
    Person owner = f.aPeer(org);
    Person viewer = f.aPeer(org);
    Api o = server.as(owner);
    o.put("/api/v1/me/disclosure/items/pronouns", DisclosureTestData.content(ItemKind.PRONOUNS, owner.id()));
    o.put("/api/v1/me/disclosure/items/pronouns/audiences",
        new JsonObject().put("audiences", new JsonArray().add(new JsonObject().put("type", "organization"))));
    server.as(viewer).get("/api/v1/people/" + owner.id() + "/profile");
    assertEquals(1, log(o).size());
    assertEquals(0, log(server.as(f.anAdmin(org))).size(), "an admin reads only their own log");
    for (String sql : List.of("update disclosure_access_log set viewer_id = viewer_id where owner_id = $1",
        "delete from disclosure_access_log where owner_id = $1")) {
      Exception e = assertThrows(Exception.class,
          () -> f.pool().preparedQuery(sql).execute(Tuple.of(owner.id())).await());
      assertTrue(e.getMessage().contains("append-only"), e.getMessage());
    }
    assertEquals(1, log(o).size());
    assertEquals(400, o.get("/api/v1/me/disclosure/access-log?format=xml").statusCode());
  }

  @Test
  void theLogPagesNewestFirst() {
    Person owner = f.aPeer(org);
    Person viewer = f.aPeer(org);
    Api o = server.as(owner);
    o.put("/api/v1/me/disclosure/items/pronouns", DisclosureTestData.content(ItemKind.PRONOUNS, owner.id()));
    o.put("/api/v1/me/disclosure/items/pronouns/audiences",
        new JsonObject().put("audiences", new JsonArray().add(new JsonObject().put("type", "person").put("userId", viewer.id()))));
    Api v = server.as(viewer);
    for (int i = 0; i < 3; i++) {
      v.get("/api/v1/people/" + owner.id() + "/profile");
    }
    JsonObject first = o.get("/api/v1/me/disclosure/access-log?limit=2").bodyAsJsonObject();
    assertEquals(2, first.getJsonArray("items").size());
    JsonObject second = o.get(first.getString("next")).bodyAsJsonObject();
    assertEquals(1, second.getJsonArray("items").size());
    assertTrue(first.getJsonArray("items").getJsonObject(1).getLong("id") > second.getJsonArray("items").getJsonObject(0).getLong("id"));
  }
}
