package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A circle that hides its history from new members shows each member only what was sent after they
 * joined, on every read path: history pages, the socket's catch-up, resume and live delivery, search,
 * unread and mention counts, reporting. A circle that does not (the default) shows everything; people
 * outside a circle, administrators included, find nothing of it.
 */
@ExtendWith(ServerPerClass.class)
class CircleHistoryIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
  }

  /** An open circle made through the API by {@code facilitator}, with the history setting given. */
  long openCircle(Fixtures.Person facilitator, boolean newMembersSeeHistory) {
    var res = server.as(facilitator).post("/api/v1/circles", new JsonObject().put("name", "History " + UUID.randomUUID())
        .put("joinPolicy", "open").put("newMembersSeeHistory", newMembersSeeHistory));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    assertEquals(newMembersSeeHistory, res.bodyAsJsonObject().getBoolean("newMembersSeeHistory"));
    return res.bodyAsJsonObject().getLong("id");
  }

  void join(Fixtures.Person p, long circle) {
    var res = server.as(p).post("/api/v1/circles/" + circle + "/join", new JsonObject().put("acceptGroundRules", true));
    assertEquals(200, res.statusCode(), res.bodyAsString());
  }

  JsonObject send(LiveClient c, String body) {
    return c.sendAcked(UUID.randomUUID().toString(), body);
  }

  LiveClient socket(Fixtures.Person p, long circle, Long after, Long changes) {
    return LiveClient.connect(server.vertx(), server.port(), server.fixtures().tokenFor(p), circle, after, changes);
  }

  JsonArray history(Fixtures.Person p, long circle, String query) {
    var res = server.as(p).get("/api/v1/circles/" + circle + "/messages" + query);
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("items");
  }

  JsonArray search(Fixtures.Person p, String word) {
    var res = server.as(p).get("/api/v1/circle-search?q=" + word);
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("items");
  }

  JsonObject circle(Fixtures.Person p, long circle) {
    return server.as(p).get("/api/v1/circles/" + circle).bodyAsJsonObject();
  }

  static List<Long> seqs(List<JsonObject> frames) {
    return frames.stream().map(f -> f.getLong("seq")).toList();
  }

  @Test
  void aMemberWhoJoinsAHidingCircleCannotSeeSearchResumeIntoOrCountEarlierMessages() {
    Fixtures.Person ana = server.fixtures().aPeer(org);
    Fixtures.Person ben = server.fixtures().aPeer(org);
    long circle = openCircle(ana, false);
    join(ben, circle);
    long oldId;
    try (LiveClient a = socket(ana, circle, null, null)) {
      a.next("ready");
      oldId = send(a, "The marigold plan, @" + ben.displayName() + " knows it").getLong("id");
      send(a, "More about marigold before the newcomer");
    }
    // Ben leaves and comes back: a new membership, which starts now.
    assertEquals(204, server.as(ben).post("/api/v1/circles/" + circle + "/leave", new JsonObject()).statusCode());
    join(ben, circle);

    assertEquals(0, history(ben, circle, "").size(), "no page of earlier messages");
    assertEquals(0, history(ben, circle, "?after=0").size());
    assertEquals(0, search(ben, "marigold").size(), "search finds nothing from before joining");
    JsonObject mine = circle(ben, circle);
    assertEquals(0, mine.getInteger("unread"), mine.encode());
    assertEquals(0, mine.getInteger("mentions"), "a mention from the earlier membership is not counted: " + mine.encode());
    assertFalse(mine.getBoolean("newMembersSeeHistory"));
    assertEquals(404, server.as(ben).post("/api/v1/circles/" + circle + "/messages/" + oldId + "/reports",
        new JsonObject().put("reason", "guessing ids")).statusCode(), "a hidden message cannot be reported");

    try (LiveClient b = socket(ben, circle, 0L, 0L); LiveClient a = socket(ana, circle, null, null)) {
      a.next("ready");
      a.send(new JsonObject().put("type", "edit").put("id", oldId).put("body", "The marigold plan, edited"));
      long newSeq = send(a, "Welcome, marigold newcomer").getLong("seq");
      List<JsonObject> seen = b.drain(1500, "message", "edited", "deleted", "ready");
      assertEquals("ready", seen.get(0).getString("type"), "nothing replayed before ready: " + seen);
      assertEquals(List.of(newSeq), seqs(seen.subList(1, seen.size())), "then only the new message, never the earlier ones nor their edits: "
          + seen);
    }
    try (LiveClient resumed = socket(ben, circle, 0L, 0L)) {
      List<JsonObject> replay = resumed.drain(1000, "message", "edited", "deleted", "ready");
      assertEquals(List.of("message", "ready"), replay.stream().map(f -> f.getString("type")).toList(),
          "resuming from 0 replays only the new message: " + replay);
    }
    assertEquals(1, search(ben, "marigold").size());
    assertEquals(1, history(ben, circle, "").size());
    assertEquals(1, circle(ben, circle).getInteger("unread"));
    assertEquals(3, history(ana, circle, "").size(), "the facilitator, a member from the start, reads everything");
  }

  @Test
  void aMemberWhoJoinsACircleThatShowsHistoryReadsSearchesAndCountsIt() {
    Fixtures.Person ana = server.fixtures().aPeer(org);
    Fixtures.Person ben = server.fixtures().aPeer(org);
    long circle = openCircle(ana, true);
    try (LiveClient a = socket(ana, circle, null, null)) {
      a.next("ready");
      send(a, "The juniper plan");
      send(a, "More about juniper");
    }
    join(ben, circle);
    assertEquals(2, history(ben, circle, "").size());
    assertEquals(2, search(ben, "juniper").size());
    assertEquals(2, circle(ben, circle).getInteger("unread"));
    try (LiveClient b = socket(ben, circle, 0L, 0L)) {
      assertEquals(2, b.drain(1000, "message").size(), "resuming from 0 replays the earlier messages");
    }
  }

  @Test
  void peopleOutsideTheCircleAdministratorsIncludedFindNothingInIt() {
    Fixtures.Person ana = server.fixtures().aPeer(org);
    Fixtures.Person stranger = server.fixtures().aPeer(org);
    Fixtures.Person admin = server.fixtures().anAdmin(org);
    Fixtures.Person adminPeer = server.fixtures().aPerson(org, "admin", "peer");
    long circle = openCircle(ana, true);
    try (LiveClient a = socket(ana, circle, null, null)) {
      a.next("ready");
      send(a, "Our quince secret");
    }
    assertEquals(1, search(ana, "quince").size());
    for (Fixtures.Person outsider : List.of(stranger, admin, adminPeer)) {
      assertEquals(0, search(outsider, "quince").size(), "outside the circle: " + List.of(outsider.roles()));
      assertEquals(404, server.as(outsider).get("/api/v1/circles/" + circle + "/messages").statusCode());
    }
  }

  @Test
  void turningHidingOnReachesOpenSocketsBeforeTheirNextFrame() {
    Fixtures.Person ana = server.fixtures().aPeer(org);
    Fixtures.Person ben = server.fixtures().aPeer(org);
    long circle = openCircle(ana, true);
    long oldId;
    try (LiveClient a = socket(ana, circle, null, null)) {
      a.next("ready");
      oldId = send(a, "An old plum note").getLong("id");
    }
    join(ben, circle);
    try (LiveClient b = socket(ben, circle, null, null); LiveClient a = socket(ana, circle, null, null)) {
      b.next("ready");
      a.next("ready");
      var changed = server.as(ana).put("/api/v1/circles/" + circle, new JsonObject().put("name", "Hiding now").put("joinPolicy", "open")
          .put("newMembersSeeHistory", false));
      assertEquals(200, changed.statusCode(), changed.bodyAsString());
      assertFalse(changed.bodyAsJsonObject().getBoolean("newMembersSeeHistory"));
      a.send(new JsonObject().put("type", "edit").put("id", oldId).put("body", "An old plum note, edited"));
      long newSeq = send(a, "A new plum note").getLong("seq");
      List<JsonObject> seen = b.drain(1500, "message", "edited", "deleted");
      assertEquals(List.of(newSeq), seqs(seen), "the edit of a now hidden message does not reach the open socket: " + seen);
    }
    var unchanged = server.as(ana).put("/api/v1/circles/" + circle, new JsonObject().put("name", "Still hiding"));
    assertEquals(200, unchanged.statusCode(), unchanged.bodyAsString());
    assertFalse(unchanged.bodyAsJsonObject().getBoolean("newMembersSeeHistory"), "left out when editing: unchanged");
    assertEquals(400, server.as(ana).put("/api/v1/circles/" + circle, new JsonObject().put("name", "x")
        .put("newMembersSeeHistory", "no")).statusCode());
    assertTrue(history(ben, circle, "").stream().map(JsonObject.class::cast).noneMatch(m -> m.getLong("id") == oldId));
  }
}
