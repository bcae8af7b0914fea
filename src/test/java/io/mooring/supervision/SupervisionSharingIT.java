package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 3: other supervisors of the same peer see nothing of a record unless the peer shares it. */
@ExtendWith(ServerPerClass.class)
class SupervisionSharingIT {
  static TestServer server;
  static long org;
  Fixtures.Person writer;
  Fixtures.Person other;
  Fixtures.Person peer;
  long otherPairing;
  long session;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization("America/Chicago");
  }

  /** A peer with two supervisors; the first has signed a record of their session. */
  @BeforeEach
  void signedRecord() {
    writer = server.fixtures().aSupervisor(org);
    other = server.fixtures().aSupervisor(org);
    peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(writer, peer, "peer");
    otherPairing = server.fixtures().aPairing(other, peer, "clinical");
    session = Steps.oneOffSession(server, writer, pairing, "2026-04-07T10:00:00-05:00");
    String etag = Steps.startRecord(server.as(writer), session);
    Steps.writeAndSign(server.as(writer), session, etag, Steps.content("2026-04-07T10:00:00-05:00"));
  }

  int readAs(Fixtures.Person p) {
    return server.as(p).get(API + "/sessions/" + session + "/record").statusCode();
  }

  int share(Fixtures.Person as, long supervisorId) {
    return server.as(as).post(API + "/sessions/" + session + "/record/shares", new JsonObject().put("supervisorId", supervisorId)).statusCode();
  }

  @Test
  void anotherSupervisorReadsOnlyWhileShared() {
    assertEquals(404, readAs(other), "not shared: nothing, not even existence");
    assertEquals(404, server.as(other).get("/supervision/sessions/" + session).statusCode());

    String peerPage = server.as(peer).get("/supervision/sessions/" + session).bodyAsString();
    assertTrue(peerPage.contains("record/shares\"") && peerPage.contains("value=\"" + other.id() + "\""), "the peer is offered the share");
    assertEquals(201, share(peer, other.id()));
    assertTrue(server.as(peer).get("/supervision/sessions/" + session).bodyAsString().contains("Stop sharing"));
    var res = server.as(other).get(API + "/sessions/" + session + "/record");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    JsonObject body = res.bodyAsJsonObject();
    assertEquals("shared", body.getString("access"));
    assertEquals("Team jokes about peers", body.getJsonObject("content").getString("challenges"));
    assertNull(res.getHeader("ETag"), "read-only: nothing to write against");
    var shares = server.as(peer).get(API + "/sessions/" + session + "/record/shares").bodyAsJsonObject().getJsonArray("shares");
    assertEquals(other.id(), shares.getJsonObject(0).getLong("supervisorId"));
    String page = server.as(other).get("/supervision/sessions/" + session).bodyAsString();
    assertTrue(page.contains("shared this signed record with you"), page);
    assertFalse(page.contains("Add an amendment"), "a shared reader cannot amend");
    assertEquals(404, server.as(other).post(API + "/sessions/" + session + "/record/amendments", new JsonObject().put("text", "x")).statusCode());
    assertEquals(404, server.as(other).post(API + "/sessions/" + session + "/record/acknowledge", new JsonObject()).statusCode());
    assertEquals(404, server.as(other).get(API + "/sessions/" + session + "/record/shares").statusCode(), "only the peer manages shares");

    assertEquals(204, server.as(peer).delete(API + "/sessions/" + session + "/record/shares/" + other.id()).statusCode());
    assertEquals(404, readAs(other), "revoked: gone on the next request");
    assertEquals(404, server.as(peer).delete(API + "/sessions/" + session + "/record/shares/" + other.id()).statusCode());
  }

  @Test
  void anEndedPairingEndsTheShare() {
    assertEquals(201, share(peer, other.id()));
    assertEquals(200, readAs(other));
    server.fixtures().endPairing(otherPairing);
    assertEquals(404, readAs(other));
  }

  @Test
  void onlyThePeerSharesAndOnlyWithTheirOtherCurrentSupervisors() {
    var stranger = server.fixtures().aSupervisor(org);
    var elsewhere = server.fixtures().aSupervisor(server.fixtures().anOrganization());
    assertEquals(400, share(peer, stranger.id()), "not one of the peer's supervisors");
    assertEquals(400, share(peer, elsewhere.id()));
    assertEquals(400, share(peer, writer.id()), "the writer already sees it");
    assertEquals(403, share(writer, other.id()), "the supervisor cannot share on the peer's behalf");
    assertEquals(404, share(stranger, other.id()));
    assertEquals(404, share(elsewhere, other.id()));
    assertEquals(404, readAs(stranger));
    assertEquals(404, readAs(elsewhere));

    long draft = Steps.oneOffSession(server, other, otherPairing, "2026-04-08T10:00:00-05:00");
    Steps.startRecord(server.as(other), draft);
    var res = server.as(peer).post(API + "/sessions/" + draft + "/record/shares", new JsonObject().put("supervisorId", writer.id()));
    assertEquals(409, res.statusCode(), "a draft is not shared");
  }

  @Test
  void administratorsStillSeeMetadataOnly() {
    var admin = server.fixtures().anAdmin(org);
    assertEquals(201, share(peer, other.id()));
    var res = server.as(admin).get(API + "/sessions/" + session + "/record");
    assertEquals(200, res.statusCode());
    assertEquals("metadata", res.bodyAsJsonObject().getString("access"));
    assertFalse(res.bodyAsJsonObject().containsKey("content"));
    assertEquals(400, share(peer, admin.id()), "an administrator is not a supervisor of the peer");
  }
}
