package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dashboards are remembered per node (DashboardCache); these prove no change is ever hidden by that:
 * each change is made one way (API on this node, API on another node, plain SQL) and the very next
 * dashboard request on the first node must show it.
 */
@ExtendWith(VertxExtension.class)
class DashboardFreshnessIT {
  static TestServer node;
  static TestServer otherNode;
  static long org;

  @BeforeAll
  static void start(Vertx vertx) {
    node = TestServer.start(vertx);
    otherNode = TestServer.start(vertx, node.db(), Map.of());
    org = node.fixtures().anOrganization("America/Chicago");
  }

  @AfterAll
  static void stop() {
    otherNode.close();
    node.close();
  }

  static JsonObject row(Api supervisor, long peerId) {
    var res = supervisor.get(API + "/dashboard");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("supervisees").stream().map(o -> (JsonObject) o)
        .filter(r -> r.getJsonObject("supervisee").getLong("id") == peerId).findFirst().orElse(null);
  }

  static List<String> itemBodies(JsonObject row) {
    return row.getJsonArray("openItems").stream().map(o -> ((JsonObject) o).getString("text")).toList();
  }

  @Test
  void aChangeMadeWithPlainSqlShowsOnTheNextRequest() {
    var sup = node.fixtures().aSupervisor(org);
    var peer = node.fixtures().aPeer(org);
    long pairing = node.fixtures().aPairing(sup, peer, "peer");
    long session = Steps.oneOffSession(node, sup, pairing, "2026-03-03T10:00:00-06:00");
    var api = node.as(sup);
    assertTrue(itemBodies(row(api, peer.id())).isEmpty());
    assertEquals(row(api, peer.id()).encode(), row(api, peer.id()).encode(), "nothing changed: the same answer");

    node.pool().preparedQuery("""
        insert into supervision_action_items (pairing_id, origin_session_id, body, owner_id, due_date)
        values ($1, $2, 'Call the housing office together', $3, current_date + 7)""")
        .execute(Tuple.of(pairing, session, peer.id())).await();
    assertEquals(List.of("Call the housing office together"), itemBodies(row(api, peer.id())));

    node.pool().preparedQuery("update supervision_action_items set status = 'done' where pairing_id = $1")
        .execute(Tuple.of(pairing)).await();
    assertTrue(itemBodies(row(api, peer.id())).isEmpty(), "marked done elsewhere: gone at once");

    node.pool().preparedQuery("update users set display_name = 'Robin Renamed' where id = $1").execute(Tuple.of(peer.id())).await();
    assertEquals("Robin Renamed", row(api, peer.id()).getJsonObject("supervisee").getString("displayName"));
  }

  @Test
  void anEndedPairingLeavesTheDashboardAtOnceEvenWhenEndedOnAnotherNode() {
    var sup = node.fixtures().aSupervisor(org);
    var admin = node.fixtures().anAdmin(org);
    var peer = node.fixtures().aPeer(org);
    long pairing = node.fixtures().aPairing(sup, peer, "peer");
    var api = node.as(sup);
    assertTrue(row(api, peer.id()) != null);

    var end = otherNode.as(admin).post(API + "/pairings/" + pairing + "/end", new JsonObject());
    assertTrue(end.statusCode() < 300, end.statusCode() + " " + end.bodyAsString());
    assertEquals(null, row(api, peer.id()), "a former supervisee is no longer shown");
  }

  @Test
  void aNewDriftFlagAndASessionHeldOnAnotherNodeShowOnTheNextRequest() {
    var sup = node.fixtures().aSupervisor(org);
    var peer = node.fixtures().aPeer(org);
    long pairing = node.fixtures().aPairing(sup, peer, "peer");
    var api = node.as(sup);
    assertTrue(row(api, peer.id()).getJsonArray("driftFlags").isEmpty());
    assertEquals(null, row(api, peer.id()).getString("lastHeld"));

    long flag = Steps.driftingCheckIn(otherNode, peer);
    assertEquals(List.of(flag), row(api, peer.id()).getJsonArray("driftFlags").stream()
        .map(o -> ((JsonObject) o).getLong("id")).toList());

    long session = Steps.oneOffSession(otherNode, sup, pairing, "2026-03-03T10:00:00-06:00");
    var held = otherNode.as(sup).patch(API + "/sessions/" + session, new JsonObject().put("status", "held"));
    assertEquals(200, held.statusCode(), held.bodyAsString());
    assertFalse(row(api, peer.id()).getString("lastHeld") == null, "the held session counts at once");
  }
}
