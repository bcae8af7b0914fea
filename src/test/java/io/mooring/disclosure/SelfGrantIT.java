package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * Issue 10 item 3: an administrator cannot make themselves a viewer of a peer's items (a second
 * administrator must), and the peer sees who can see each item now and is told of every newcomer
 * who came through an organizational change.
 */
@ExtendWith(ServerPerClass.class)
class SelfGrantIT {
  static TestServer server;
  static Fixtures f;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    f = server.fixtures();
    org = f.anOrganization();
  }

  static void assertSeparationOfDuties(io.vertx.ext.web.client.HttpResponse<?> res) {
    assertEquals(403, res.statusCode(), res.bodyAsString());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
    assertTrue(res.bodyAsString().contains("Another administrator must do this for you."), res.bodyAsString());
  }

  static long refusals(Person admin) {
    return server.pool().preparedQuery("select count(*) from audit_log where action = 'separation_of_duties.refused' and actor_id = $1")
        .execute(Tuple.of(admin.id())).await().iterator().next().getLong(0);
  }

  static Api peerSharing(Person peer, String audience) {
    Api api = server.as(peer);
    assertEquals(200, api.put("/api/v1/me/disclosure/items/recovery_story", new JsonObject().put("text", "self-grant-" + peer.id())).statusCode());
    var res = api.put("/api/v1/me/disclosure/items/recovery_story/audiences",
        new JsonObject().put("audiences", new JsonArray().add(new JsonObject().put("type", audience))));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return api;
  }

  static JsonArray news(Api owner) {
    var res = owner.get("/api/v1/me/disclosure/viewers");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("newSinceLastVisit");
  }

  @Test
  void anAdministratorCannotAddThemselvesToATeamAndTheRefusalIsAudited() {
    Person admin = f.anAdmin(org);
    Person peer = f.aPeer(org);
    long team = f.aTeam(org, peer);
    peerSharing(peer, "team");
    assertSeparationOfDuties(server.as(admin).put("/api/v1/teams/" + team + "/members/" + admin.id(), new JsonObject()));
    assertEquals(1, refusals(admin));
    assertFalse(server.as(admin).get("/api/v1/people/" + peer.id() + "/profile").bodyAsString().contains("self-grant-"));
  }

  @Test
  void anAdministratorCannotGiveThemselvesARoleNorPairThemselves() {
    Person admin = f.aPerson(org, "admin", "supervisor");
    Person peer = f.aPeer(org);
    Person supervisor = f.aSupervisor(org);
    Api api = server.as(admin);
    assertSeparationOfDuties(api.patch("/api/v1/users/" + admin.id(), new JsonObject().put("roles", new JsonArray().add("admin").add("supervisor").add("peer"))));
    assertSeparationOfDuties(api.post("/api/v1/supervision/pairings",
        new JsonObject().put("supervisorId", admin.id()).put("superviseeId", peer.id()).put("type", "peer")));
    assertEquals(2, refusals(admin));
    // Their own name and dropping a role of their own stay theirs to change; pairing two other people is their job.
    assertEquals(200, api.patch("/api/v1/users/" + admin.id(), new JsonObject().put("displayName", "Renamed Admin")).statusCode());
    assertEquals(200, api.patch("/api/v1/users/" + admin.id(), new JsonObject().put("roles", new JsonArray().add("admin"))).statusCode());
    assertEquals(201, api.post("/api/v1/supervision/pairings",
        new JsonObject().put("supervisorId", supervisor.id()).put("superviseeId", peer.id()).put("type", "peer")).statusCode());
  }

  @Test
  void theOwnerSeesWhoCanSeeEachItemNowAndIsToldWhenASecondAdministratorAddsSomeone() {
    Person admin = f.anAdmin(org);
    Person secondAdmin = f.anAdmin(org);
    Person peer = f.aPeer(org);
    Person teammate = f.aPeer(org);
    long team = f.aTeam(org, peer, teammate);
    Api owner = peerSharing(peer, "team");
    assertEquals(List.of(), news(owner).getList(), "the owner's own choice is not news to them");
    JsonObject story = owner.get("/api/v1/me/disclosure/viewers").bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(i -> i.getString("kind").equals("recovery_story")).findFirst().orElseThrow();
    assertEquals(teammate.displayName(), story.getJsonArray("viewers").getJsonObject(0).getString("displayName"));
    assertEquals(1, story.getJsonArray("viewers").size());

    assertEquals(200, server.as(secondAdmin).put("/api/v1/teams/" + team + "/members/" + admin.id(), new JsonObject()).statusCode());
    assertTrue(server.as(admin).get("/api/v1/people/" + peer.id() + "/profile").bodyAsString().contains("self-grant-"),
        "with a second administrator's help the view is granted, and then the peer is told:");
    var page = owner.request(HttpMethod.GET, "/disclosure").putHeader("Accept", "text/html").send().await();
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("New since your last visit"), page.bodyAsString());
    assertTrue(page.bodyAsString().contains(admin.displayName() + " can now see: My recovery story"), page.bodyAsString());
    assertTrue(page.bodyAsString().contains("Who can see it right now: "), page.bodyAsString());
    assertEquals(List.of(), news(owner).getList(), "told once");
  }

  @Test
  void everyKindOfOrganizationalChangeIsReported() {
    Person secondAdmin = f.anAdmin(org);
    Person peer = f.aPeer(org);
    Person supervisor = f.aSupervisor(org);
    Person circleMate = f.aPeer(org);
    Person colleague = f.aPeer(org);
    Api owner = server.as(peer);
    assertEquals(200, owner.put("/api/v1/me/disclosure/items/pronouns", new JsonObject().put("text", "she/her")).statusCode());
    long circle = f.aCircle(org, peer);
    var res = owner.put("/api/v1/me/disclosure/items/pronouns/audiences", new JsonObject().put("audiences", new JsonArray()
        .add(new JsonObject().put("type", "supervisors")).add(new JsonObject().put("type", "circle").put("circleId", circle))
        .add(new JsonObject().put("type", "person").put("userId", colleague.id()))));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    assertEquals(List.of(), news(owner).getList());

    Api admin2 = server.as(secondAdmin);
    assertEquals(201, admin2.post("/api/v1/supervision/pairings",
        new JsonObject().put("supervisorId", supervisor.id()).put("superviseeId", peer.id()).put("type", "peer")).statusCode());
    server.pool().preparedQuery("insert into circle_members (circle_id, user_id) values ($1, $2)").execute(Tuple.of(circle, circleMate.id())).await();
    JsonArray first = news(owner);
    assertEquals(2, first.size(), first.encode());
    assertTrue(first.encode().contains(supervisor.displayName() + " can now see: Pronouns"), first.encode());
    assertTrue(first.encode().contains(circleMate.displayName() + " can now see: Pronouns"), first.encode());

    assertEquals(200, admin2.patch("/api/v1/users/" + colleague.id(), new JsonObject().put("active", false)).statusCode());
    assertEquals(List.of(), news(owner).getList(), "losing a viewer is not news");
    assertEquals(200, admin2.patch("/api/v1/users/" + colleague.id(), new JsonObject().put("active", true)).statusCode());
    JsonArray again = news(owner);
    assertEquals(1, again.size(), again.encode());
    assertEquals(colleague.id(), again.getJsonObject(0).getLong("viewerId"), "a re-activated account is a new viewer");
  }
}
