package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.demo.DemoData;
import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo's mixed settings hold up through the real API, signed in as the demo accounts. */
@ExtendWith(ServerPerClass.class)
class DisclosureDemoIT {
  static TestServer server;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    assertTrue(DemoData.loadIfEmpty(server.services()).await());
  }

  /** Signs in through the real login endpoint once (the demo password works), then uses a fixture session. */
  static Api signIn(String handle) {
    var res = server.anonymous().post("/api/v1/auth/login",
        new JsonObject().put("email", handle + DemoData.DOMAIN).put("password", DemoData.PASSWORD));
    assertEquals(200, res.statusCode());
    JsonObject user = res.bodyAsJsonObject().getJsonObject("user");
    return server.as(new Fixtures.Person(user.getLong("id"), 0, user.getString("email"), user.getString("displayName"), new String[0]));
  }

  static long id(Api api) {
    return api.get("/api/v1/me").bodyAsJsonObject().getLong("id");
  }

  static List<String> kinds(Api viewer, long subject) {
    JsonArray items = viewer.get("/api/v1/people/" + subject + "/profile").bodyAsJsonObject().getJsonArray("items");
    return items.stream().map(o -> ((JsonObject) o).getString("kind")).sorted().toList();
  }

  @Test
  void mixedSettingsAsTheDemoDescribesThem() {
    Api rivera = signIn("rivera");
    Api okafor = signIn("okafor");
    Api eli = signIn("eli");
    Api theo = signIn("theo");
    long sam = id(signIn("sam"));
    long jordan = id(signIn("jordan"));
    long kwame = id(signIn("kwame"));
    assertEquals(List.of("accommodations", "identifies_as_peer"), kinds(rivera, sam), "sam shares with supervisors");
    assertEquals(List.of("accommodations", "identifies_as_peer"), kinds(okafor, sam));
    assertEquals(List.of(), kinds(theo, sam));
    assertEquals(List.of(), kinds(rivera, jordan), "jordan is fully private");
    assertEquals(List.of("pronouns"), kinds(eli, kwame), "the expiring grant to eli, and nothing shared with supervisors");
    assertEquals(List.of("focus_populations"), kinds(okafor, kwame));
    JsonArray grants = signIn("kwame").get("/api/v1/me/disclosure/items/pronouns").bodyAsJsonObject().getJsonArray("audiences");
    assertTrue(grants.getJsonObject(0).getString("expiresAt") != null);
    JsonArray log = signIn("sam").get("/api/v1/me/disclosure/access-log").bodyAsJsonObject().getJsonArray("items");
    assertTrue(log.size() >= 2, "rivera's demo look and this test's views are in sam's log");
  }
}
