package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 4's flag → supervision → resolved flow, with the real check-in feature behind the seam. */
@ExtendWith(ServerPerClass.class)
class SupervisionDriftFlowIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization("America/Chicago");
  }

  static List<Long> dashboardFlags(Api supervisor, long peerId) {
    var res = supervisor.get(API + "/dashboard");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("supervisees").stream().map(o -> (JsonObject) o)
        .filter(r -> r.getJsonObject("supervisee").getLong("id") == peerId)
        .flatMap(r -> r.getJsonArray("driftFlags").stream()).map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  @Test
  void aFlagDiscussedInASignedRecordIsResolvedWithThatRecordAndLeavesTheDashboard() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    var otherPeer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    server.fixtures().aPairing(sup, otherPeer, "peer");
    long flag = Steps.driftingCheckIn(server, peer);
    long othersFlag = Steps.driftingCheckIn(server, otherPeer);
    var api = server.as(sup);
    assertTrue(dashboardFlags(api, peer.id()).contains(flag), "the new flag is on the supervisor's dashboard");

    long session = Steps.oneOffSession(server, sup, pairing, "2026-03-03T10:00:00-06:00");
    String etag = Steps.startRecord(api, session);
    var draft = api.get(API + "/sessions/" + session + "/record").bodyAsJsonObject();
    List<Long> offered = draft.getJsonArray("openFlags").stream().map(o -> ((JsonObject) o).getLong("id")).toList();
    assertTrue(offered.contains(flag), draft.encode());
    assertFalse(offered.contains(othersFlag), "only this supervisee's flags");
    // Flags are grouped by kind on the page: one checkbox per kind carries the ids it resolves.
    String page = server.as(sup).get("/supervision/sessions/" + session).bodyAsString();
    assertTrue(java.util.regex.Pattern.compile("data-flags=\"([0-9,]+)\"").matcher(page).results()
        .anyMatch(m -> java.util.Arrays.asList(m.group(1).split(",")).contains(String.valueOf(flag))), "the session page offers the flag to tick");

    JsonObject content = Steps.content("2026-03-03T10:00:00-06:00");
    var wrong = Steps.put(api, session, etag, content.copy().put("roleClarity", new JsonObject()
        .put("discussedFlagIds", new JsonArray().add(othersFlag))));
    assertEquals(400, wrong.statusCode(), "another supervisee's flag cannot be discussed here");
    assertTrue(wrong.bodyAsString().contains("roleClarity.discussedFlagIds[0]"), wrong.bodyAsString());
    var unknown = Steps.put(api, session, etag, content.copy().put("roleClarity", new JsonObject().put("color", "red")));
    assertEquals(400, unknown.statusCode());

    JsonObject signed = Steps.writeAndSign(api, session, etag,
        content.put("roleClarity", new JsonObject().put("discussedFlagIds", new JsonArray().add(flag))));
    JsonObject rc = signed.getJsonObject("content").getJsonObject("roleClarity");
    assertEquals(new JsonArray().add(flag), rc.getJsonArray("discussedFlagIds"));
    assertEquals(flag, rc.getJsonArray("discussedFlags").getJsonObject(0).getLong("id"), "the signed record keeps what was discussed");

    var person = api.get("/api/v1/checkins/people/" + peer.id());
    assertEquals(200, person.statusCode(), person.bodyAsString());
    assertTrue(person.bodyAsJsonObject().getJsonArray("openFlags").stream()
        .noneMatch(o -> ((JsonObject) o).getLong("id") == flag), person.bodyAsString());
    var row = server.pool().preparedQuery("select resolved_in_record_id, resolved_by from checkin_flags where id = $1")
        .execute(Tuple.of(flag)).await().iterator().next();
    assertEquals(session, row.getLong(0), "resolved with the record's id");
    assertEquals(sup.id(), row.getLong(1));
    assertFalse(dashboardFlags(api, peer.id()).contains(flag), "a resolved flag leaves the dashboard");
    assertTrue(dashboardFlags(api, otherPeer.id()).contains(othersFlag), "the other supervisee's flag stays open");
    assertTrue(server.as(peer).get("/supervision/sessions/" + session).bodyAsString().contains("discussed and resolved"),
        "the peer sees which flags the signed record resolved");
  }

  @Test
  void aFlagResolvedMeanwhileCannotBeSignedAsDiscussed() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    long flag = Steps.driftingCheckIn(server, peer);
    var api = server.as(sup);
    long first = Steps.oneOffSession(server, sup, pairing, "2026-03-10T10:00:00-06:00");
    long second = Steps.oneOffSession(server, sup, pairing, "2026-03-11T10:00:00-06:00");
    String e1 = Steps.startRecord(api, first);
    String e2 = Steps.startRecord(api, second);
    JsonObject discussed = Steps.content("2026-03-10T10:00:00-06:00")
        .put("roleClarity", new JsonObject().put("discussedFlagIds", new JsonArray().add(flag)));
    var saved2 = Steps.put(api, second, e2, discussed.copy());
    assertEquals(200, saved2.statusCode(), saved2.bodyAsString());
    Steps.writeAndSign(api, first, e1, discussed);

    var late = Steps.finalizeRecord(api, second, saved2.getHeader("ETag"));
    assertEquals(400, late.statusCode(), "the flag was resolved by the first record");
    assertTrue(late.bodyAsString().contains("roleClarity.discussedFlagIds[0]"), late.bodyAsString());
  }

  /** Probe finding: a duplicate before a bad flag id must not shift the position the 400 names. */
  @Test
  void aBadFlagIdIsNamedAtItsOwnPositionEvenAfterADuplicate() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    long flag = Steps.driftingCheckIn(server, peer);
    var api = server.as(sup);
    long session = Steps.oneOffSession(server, sup, pairing, "2026-03-03T10:00:00-06:00");
    String etag = Steps.startRecord(api, session);
    var res = Steps.put(api, session, etag, Steps.content("2026-03-03T10:00:00-06:00").put("roleClarity", new JsonObject()
        .put("discussedFlagIds", new JsonArray().add(flag).add(flag).add(99_999_999_999L))));
    assertEquals(400, res.statusCode(), res.bodyAsString());
    var errors = res.bodyAsJsonObject().getJsonArray("errors");
    assertEquals(1, errors.size(), res.bodyAsString());
    assertEquals("roleClarity.discussedFlagIds[2]", errors.getJsonObject(0).getString("field"));
  }
}
