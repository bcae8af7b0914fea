package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.demo.DemoData;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Demo circles, the pages, and the retention job. */
@ExtendWith(ServerPerClass.class)
class CircleDemoIT {
  static TestServer server;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    assertTrue(DemoData.loadIfEmpty(server.services()).await());
  }

  String tokenOf(String handle) {
    return server.anonymous().post("/api/v1/auth/login", new JsonObject().put("email", handle + DemoData.DOMAIN).put("password", DemoData.PASSWORD))
        .bodyAsJsonObject().getString("token");
  }

  @Test
  void demoPeersSeeTheirCirclesWithHistoryAndSupervisorsSeeNone() {
    var res = server.client().get("/api/v1/circles").putHeader("Authorization", "Bearer " + tokenOf("sam")).send().await();
    JsonArray mine = res.bodyAsJsonObject().getJsonArray("mine");
    assertEquals("Outreach peers", mine.getJsonObject(0).getString("name"));
    assertEquals("Night shift circle", res.bodyAsJsonObject().getJsonArray("joinable").getJsonObject(0).getString("name"));
    long id = mine.getJsonObject(0).getLong("id");
    var history = server.client().get("/api/v1/circles/" + id + "/messages").putHeader("Authorization", "Bearer " + tokenOf("sam")).send().await()
        .bodyAsJsonObject().getJsonArray("items");
    assertEquals(CircleDemo.OUTREACH.size(), history.size());
    assertEquals(1L, history.getJsonObject(0).getLong("seq"));
    var okafor = server.client().get("/api/v1/circles").putHeader("Authorization", "Bearer " + tokenOf("okafor")).send().await();
    assertEquals(0, okafor.bodyAsJsonObject().getJsonArray("mine").size());
    assertEquals(404, server.client().get("/api/v1/circles/" + id + "/messages").putHeader("Authorization", "Bearer " + tokenOf("okafor"))
        .send().await().statusCode());
  }

  @Test
  void bothDemoCirclesMeetOnARealScheduleThatIsInTheirMembersFeeds() {
    String sam = tokenOf("sam");
    var res = server.client().get("/api/v1/circles").putHeader("Authorization", "Bearer " + sam).send().await().bodyAsJsonObject();
    for (JsonArray list : new JsonArray[] {res.getJsonArray("mine"), res.getJsonArray("joinable")}) {
      JsonObject meeting = list.getJsonObject(0).getJsonObject("meeting");
      assertTrue(meeting.getString("rrule").startsWith("FREQ=WEEKLY"), meeting.encode());
      assertTrue(meeting.getString("next") != null && meeting.getString("where") != null, meeting.encode());
    }
    String path = server.client().post("/api/v1/supervision/feed").putHeader("Authorization", "Bearer " + sam).send().await()
        .bodyAsJsonObject().getString("path");
    String ics = server.anonymous().get(path).bodyAsString();
    assertTrue(ics.contains("SUMMARY:Peer circle: Outreach peers"), ics);
    assertTrue(!ics.contains("Night shift circle"), "sam is not in the night shift circle");
  }

  @Test
  void pagesRenderTheListAndTheChatForMembers() {
    long org = server.fixtures().anOrganization();
    Fixtures.Person p = server.fixtures().aPeer(org);
    long id = server.fixtures().aCircle(org, p);
    var list = server.as(p).get("/circles");
    assertEquals(200, list.statusCode());
    assertTrue(list.bodyAsString().contains("/circles/" + id));
    var page = server.as(p).get("/circles/" + id);
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("data-circle-id=\"" + id + "\""));
    assertTrue(page.bodyAsString().contains("/static/js/circles.js"));
    assertEquals(200, server.anonymous().get("/static/js/circles.js").statusCode());
  }

  @Test
  void retentionDeletesOnlyMessagesOlderThanTheCirclesLimit() {
    long org = server.fixtures().anOrganization();
    Fixtures.Person p = server.fixtures().aPeer(org);
    long kept = server.fixtures().aCircle(org, p);
    long trimmed = server.fixtures().aCircle(org, p);
    server.pool().preparedQuery("update circles set retention_days = 7 where id = $1").execute(Tuple.of(trimmed)).await();
    for (long c : new long[] {kept, trimmed}) {
      server.pool().preparedQuery("""
          insert into circle_messages (circle_id, seq, author_id, client_msg_id, body, created_at)
          values ($1, 1, $2, 'old', 'old news', now() - interval '10 days'), ($1, 2, $2, 'new', 'fresh', now())""")
          .execute(Tuple.of(c, p.id())).await();
    }
    server.services().circles().applyRetention().await();
    var left = server.pool().preparedQuery("select circle_id, client_msg_id from circle_messages where circle_id in ($1, $2) order by circle_id, seq")
        .execute(Tuple.of(kept, trimmed)).await();
    assertEquals(3, left.size());
    left.forEach(r -> assertTrue(r.getLong(0) == kept || r.getString(1).equals("new")));
  }
}
