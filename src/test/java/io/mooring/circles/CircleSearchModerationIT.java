package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Search sees only the circles you are in; mentions are stored by user id; reports go through a facilitators' queue. */
@ExtendWith(ServerPerClass.class)
class CircleSearchModerationIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
  }

  JsonObject send(Fixtures.Person p, long circle, String body) {
    try (LiveClient c = LiveClient.connect(server.vertx(), server.port(), server.fixtures().tokenFor(p), circle, null)) {
      return c.sendAcked(UUID.randomUUID().toString(), body);
    }
  }

  JsonArray search(Fixtures.Person p, String q) {
    var res = server.as(p).get("/api/v1/circle-search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("items");
  }

  @Test
  void searchFindsOnlyMessagesOfCirclesYouAreIn() {
    Fixtures.Person ana = server.fixtures().aPeer(org);
    Fixtures.Person ben = server.fixtures().aPeer(org);
    Fixtures.Person outsider = server.fixtures().aPeer(org);
    long ours = server.fixtures().aCircle(org, ana, ben);
    long theirs = server.fixtures().aCircle(org, outsider);
    long seq = send(ana, ours, "The lighthouse training was calming").getLong("seq");
    send(outsider, theirs, "My lighthouse secret, for my circle only");

    JsonArray found = search(ben, "lighthouse");
    assertEquals(1, found.size(), found.encode());
    assertEquals(ours, found.getJsonObject(0).getLong("circleId"));
    assertEquals("/circles/" + ours + "#seq-" + seq, found.getJsonObject(0).getString("link"));
    assertEquals(1, search(outsider, "lighthouses").size(), "stemmed, and only the outsider's own circle");
    assertFalse(search(outsider, "lighthouse").encode().contains("calming"));

    server.fixtures().leaveCircle(ours, ben);
    assertEquals(0, search(ben, "lighthouse").size(), "after leaving, nothing from that circle");
    Fixtures.Person supervisor = server.fixtures().aSupervisor(org);
    assertEquals(0, search(supervisor, "lighthouse").size(), "circles are peer-only");
    assertEquals(400, server.as(ana).get("/api/v1/circle-search?q=").statusCode());
    assertEquals(400, server.as(ana).get("/api/v1/circle-search?q=" + "x".repeat(201)).statusCode());
    assertEquals(200, server.as(ana).get("/api/v1/circle-search?q=988").statusCode(), "a number is a fine search");
    var odd = server.as(ana).get("/api/v1/circle-search?q=%22unbalanced%20or%20-");
    assertEquals(200, odd.statusCode(), "odd syntax is not an error: " + odd.bodyAsString());
  }

  @Test
  void aMentionIsStoredByUserIdAndCountsOnTheCircleUntilRead() {
    Fixtures.Person ana = server.fixtures().aPeer(org);
    Fixtures.Person ben = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, ana, ben);
    long seq = send(ana, circle, "Thanks @" + ben.displayName().toLowerCase() + " for the notes").getLong("seq");
    send(ana, circle, "no mention here");
    assertEquals(1L, server.pool().preparedQuery("select count(*) from circle_mentions where user_id = $1 and seq = $2")
        .execute(io.vertx.sqlclient.Tuple.of(ben.id(), seq)).await().iterator().next().getLong(0));
    assertEquals(1, server.as(ben).get("/api/v1/circles/" + circle).bodyAsJsonObject().getInteger("mentions"));
    assertEquals(0, server.as(ana).get("/api/v1/circles/" + circle).bodyAsJsonObject().getInteger("mentions"));
    server.as(ben).put("/api/v1/circles/" + circle + "/read", new JsonObject().put("seq", seq + 1));
    assertEquals(0, server.as(ben).get("/api/v1/circles/" + circle).bodyAsJsonObject().getInteger("mentions"));
  }

  @Test
  void aMentionANodeLeftUntoldIsToldByTheSweepOnce() {
    Fixtures.Person ana = server.fixtures().aPeer(org);
    Fixtures.Person ben = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, ana, ben);
    // As a node that stopped right after the commit leaves it: the message and its mention, nobody told yet.
    var pool = server.pool();
    long id = pool.preparedQuery("""
        insert into circle_messages (circle_id, seq, author_id, client_msg_id, body, created_at)
        values ($1, 1, $2, 'left', 'hello @someone', now() - interval '1 minute') returning id""")
        .execute(io.vertx.sqlclient.Tuple.of(circle, ana.id())).await().iterator().next().getLong(0);
    pool.preparedQuery("update circle_counters set last_seq = 1 where circle_id = $1").execute(io.vertx.sqlclient.Tuple.of(circle)).await();
    pool.preparedQuery("insert into circle_mentions (user_id, circle_id, seq, message_id) values ($1, $2, 1, $3)")
        .execute(io.vertx.sqlclient.Tuple.of(ben.id(), circle, id)).await();
    var mentions = server.services().circles().mentions();
    assertTrue(mentions.sweep().await() >= 1);
    mentions.sweep().await();
    var items = server.as(ben).get("/api/v1/notifications").bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, items.size(), items.encodePrettily());
    assertEquals("/circles/" + circle + "#seq-1", items.getJsonObject(0).getString("link"));
    assertEquals("circle_mention", items.getJsonObject(0).getString("kind"));
  }

  @Test
  void aReportIsAnonymousOnceOnlyAndAFacilitatorResolvesItWithAnAuditedAction() {
    Fixtures.Person fac = server.fixtures().aPeer(org);
    Fixtures.Person author = server.fixtures().aPeer(org);
    Fixtures.Person reporter = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, fac, author, reporter);
    long id = send(author, circle, "something unkind").getLong("id");
    String reports = "/api/v1/circles/" + circle + "/messages/" + id + "/reports";
    assertEquals(201, server.as(reporter).post(reports, new JsonObject().put("reason", "unkind")).statusCode());
    var again = server.as(reporter).post(reports, new JsonObject().put("reason", "still unkind"));
    assertEquals(409, again.statusCode());
    assertTrue(again.getHeader("Content-Type").startsWith("application/problem+json"));

    JsonObject queued = server.as(fac).get("/api/v1/circles/" + circle + "/reports").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals("something unkind", queued.getString("body"));
    assertEquals("unkind", queued.getString("reason"));
    assertFalse(queued.encode().contains(reporter.displayName()));
    String resolution = "/api/v1/circles/" + circle + "/reports/" + queued.getLong("id") + "/resolution";
    assertEquals(403, server.as(author).post(resolution, new JsonObject().put("action", "dismiss")).statusCode());
    assertEquals(400, server.as(fac).post(resolution, new JsonObject().put("action", "mute")).statusCode(), "mute needs muteHours");
    assertEquals(400, server.as(fac).post(resolution, new JsonObject().put("action", "shout")).statusCode());

    assertEquals(200, server.as(fac).post(resolution, new JsonObject().put("action", "hide")).statusCode());
    JsonObject hidden = server.as(reporter).get("/api/v1/circles/" + circle + "/messages").bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertTrue(hidden.getBoolean("deleted"));
    assertNull(hidden.getString("body"), "a tombstone for members");
    assertEquals(0, server.as(fac).get("/api/v1/circles/" + circle + "/reports").bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(404, server.as(fac).post(resolution, new JsonObject().put("action", "dismiss")).statusCode(), "already resolved");
    assertEquals(1L, audits("circle.report-hidden", circle));
  }

  @Test
  void muteForAPeriodStopsSendingAndRemoveTakesTheAuthorOut() {
    Fixtures.Person fac = server.fixtures().aPeer(org);
    Fixtures.Person author = server.fixtures().aPeer(org);
    Fixtures.Person reporter = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, fac, author, reporter);
    long first = send(author, circle, "first").getLong("id");
    long second = send(author, circle, "second").getLong("id");
    server.as(reporter).post("/api/v1/circles/" + circle + "/messages/" + first + "/reports", new JsonObject().put("reason", "a"));
    server.as(reporter).post("/api/v1/circles/" + circle + "/messages/" + second + "/reports", new JsonObject().put("reason", "b"));
    JsonArray queue = server.as(fac).get("/api/v1/circles/" + circle + "/reports").bodyAsJsonObject().getJsonArray("items");
    long aboutSecond = queue.getJsonObject(0).getLong("id");
    long aboutFirst = queue.getJsonObject(1).getLong("id");

    var muted = server.as(fac).post("/api/v1/circles/" + circle + "/reports/" + aboutFirst + "/resolution",
        new JsonObject().put("action", "mute").put("muteHours", 24));
    assertEquals(200, muted.statusCode(), muted.bodyAsString());
    try (LiveClient c = LiveClient.connect(server.vertx(), server.port(), server.fixtures().tokenFor(author), circle, null)) {
      c.send(LiveClient.send("m-1", "can I still post?"));
      assertEquals("forbidden", c.next("error").getString("code"));
    }
    JsonObject card = server.as(fac).get("/api/v1/circles/" + circle + "/members").bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(m -> m.getLong("id") == author.id()).findFirst().orElseThrow();
    assertTrue(card.getBoolean("muted"));
    assertTrue(card.getString("mutedUntil") != null);

    assertEquals(200, server.as(fac).post("/api/v1/circles/" + circle + "/reports/" + aboutSecond + "/resolution",
        new JsonObject().put("action", "remove")).statusCode());
    assertEquals(404, server.as(author).get("/api/v1/circles/" + circle + "/messages").statusCode());
    assertEquals(1L, audits("circle.report-muted", circle));
    assertEquals(1L, audits("circle.report-removed", circle));
  }

  static long audits(String action, long circle) {
    return server.pool().preparedQuery("select count(*) from audit_log where action = $1 and subject_id = $2")
        .execute(io.vertx.sqlclient.Tuple.of(action, String.valueOf(circle))).await().iterator().next().getLong(0);
  }
}
