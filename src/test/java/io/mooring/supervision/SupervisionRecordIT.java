package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The record lifecycle: draft with ETags, strength-based hints, signing, acknowledgement, amendments, carried items. */
@ExtendWith(ServerPerClass.class)
class SupervisionRecordIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization("America/Chicago");
  }

  @Test
  void draftEditsNeedTheCurrentETagAndHintsNeverBlockSaving() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    long session = Steps.oneOffSession(server, sup, pairing, "2026-02-03T10:00:00-06:00");
    var api = server.as(sup);
    String etag = Steps.startRecord(api, session);
    JsonObject body = Steps.content("2026-02-03T10:00:00-06:00").put("challenges", "A guest was non-compliant and manipulative");

    assertEquals(428, Steps.put(api, session, null, body).statusCode());
    var saved = Steps.put(api, session, etag, body);
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    JsonArray hints = saved.bodyAsJsonObject().getJsonArray("hints");
    assertEquals(2, hints.size(), hints.encode());
    assertEquals("challenges", hints.getJsonObject(0).getString("field"));
    assertNotEquals(etag, saved.getHeader("ETag"));

    var stale = Steps.put(api, session, etag, body.put("challenges", "second writer"));
    assertEquals(412, stale.statusCode());
    assertEquals("application/problem+json", stale.getHeader("Content-Type"));
    var read = api.get(API + "/sessions/" + session + "/record");
    assertEquals("A guest was non-compliant and manipulative", read.bodyAsJsonObject().getJsonObject("content").getString("challenges"));
    assertEquals(saved.getHeader("ETag"), read.getHeader("ETag"));
    assertEquals(2, read.bodyAsJsonObject().getJsonArray("hints").size(), "hints come back with the draft");
  }

  /** Issue 16: the draft's shape is the contract's; each bad field comes back as problem+json naming it. */
  @Test
  void aBadDraftIsA400NamingEachFieldAndSavesNothing() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long session = Steps.oneOffSession(server, sup, server.fixtures().aPairing(sup, peer, "peer"), "2026-02-03T10:00:00-06:00");
    var api = server.as(sup);
    String etag = Steps.startRecord(api, session);
    String at = "2026-02-03T10:00:00-06:00";
    JsonObject action = new JsonObject().put("text", "Call").put("ownerId", peer.id()).put("dueDate", "2026-02-10");
    assertBad(api, session, etag, Steps.content(at).put("mood", "great"), "mood", "is not a known field");
    assertBad(api, session, etag, Steps.content(at).put("session", Steps.content(at).getJsonObject("session").put("type", "therapy")),
        "session.type", null);
    assertBad(api, session, etag, Steps.content(at).put("strengths", new JsonArray().add(new JsonObject().put("text", "Listening"))),
        "strengths[0].example", "is required");
    assertBad(api, session, etag, Steps.content(at).put("wins", new JsonArray().add(" ")), "wins[0]", "must not be blank");
    assertBad(api, session, etag, Steps.content(at).put("growthGoals", new JsonArray().add(new JsonObject().put("text", "Advocate")
        .put("domain", "Charisma"))), "growthGoals[0].domain", null);
    assertBad(api, session, etag, Steps.content(at).put("challenges", "x".repeat(4001)), "challenges", "must be at most 4000 characters");
    assertBad(api, session, etag, Steps.content(at).put("actionItems", new JsonArray().add(action.copy().put("dueDate", "soon"))),
        "actionItems[0].dueDate", "must be a date like 2026-01-31");
    assertBad(api, session, etag, Steps.content(at).put("actionItems", new JsonArray().add(action.copy().putNull("dueDate"))),
        "actionItems[0].dueDate", "is required");
    assertBad(api, session, etag, Steps.content(at).put("actionItems", new JsonArray().add(action.copy().put("dueDate", "2026-02-30"))),
        "actionItems[0].dueDate", "must be a date like 2026-01-31");
    assertBad(api, session, etag, Steps.content(at).put("actionItems", new JsonArray().add(action.copy().put("dueDate", "0001-01-01"))),
        "actionItems[0].dueDate", "must be in the years 1900 to 2199");
    assertBad(api, session, etag, Steps.content(at).put("session", Steps.content(at).getJsonObject("session")
        .put("startsAt", "9999-12-31T23:59:59-18:00")), "session.startsAt", "must be in the years 1900 to 2199");
    assertBad(api, session, etag, Steps.content(at).put("itemDecisions", new JsonArray().add(new JsonObject().put("itemId", 4)
        .put("decision", "forgotten"))), "itemDecisions[0].decision", null);
    // The probe's repro: two decisions for item 6 were saved, then signing failed with a 409 naming nothing.
    assertBad(api, session, etag, Steps.content(at).put("itemDecisions", new JsonArray()
        .add(new JsonObject().put("itemId", 6).put("decision", "done")).add(new JsonObject().put("itemId", 6).put("decision", "carried"))
        .add(new JsonObject().put("itemId", 7).put("decision", "carried"))),
        "itemDecisions[1].itemId", "decides the same action item as itemDecisions[0]: give each item one decision");
    JsonArray flags = new JsonArray();
    for (int i = 1; i <= 51; i++) {
      flags.add(i);
    }
    assertBad(api, session, etag, Steps.content(at).put("roleClarity", new JsonObject().put("discussedFlagIds", flags)),
        "roleClarity.discussedFlagIds", null);
    assertEquals(etag, api.get(API + "/sessions/" + session + "/record").getHeader("ETag"), "nothing was saved");
  }

  private static void assertBad(io.mooring.support.Api api, long session, String etag, JsonObject body, String field, String message) {
    var res = Steps.put(api, session, etag, body);
    assertEquals(400, res.statusCode(), res.bodyAsString());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
    JsonObject error = res.bodyAsJsonObject().getJsonArray("errors").stream().map(JsonObject.class::cast)
        .filter(e -> field.equals(e.getString("field"))).findFirst().orElseThrow(() -> new AssertionError(field + " not named: " + res.bodyAsString()));
    if (message != null) {
      assertEquals(message, error.getString("message"), res.bodyAsString());
    }
  }

  @Test
  void signedRecordsAreImmutableHashedAcknowledgedAndOnlyAmended() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    long session = Steps.oneOffSession(server, sup, pairing, "2026-02-10T10:00:00-06:00");
    var api = server.as(sup);
    String etag = Steps.startRecord(api, session);

    var empty = Steps.finalizeRecord(api, session, etag);
    assertEquals(400, empty.statusCode(), "no strength, no signature");
    assertTrue(empty.bodyAsString().contains("\"field\":\"strengths\""));

    JsonObject signed = Steps.writeAndSign(api, session, etag, Steps.content("2026-02-10T10:00:00-06:00"));
    assertEquals("finalized", signed.getString("status"));
    assertEquals(sup.id(), signed.getLong("finalizedBy"));
    assertEquals(64, signed.getString("contentHash").length());
    String after = api.get(API + "/sessions/" + session + "/record").getHeader("ETag");
    assertEquals(409, Steps.put(api, session, after, Steps.content("2026-02-10T10:00:00-06:00")).statusCode());
    assertThrows(io.vertx.pgclient.PgException.class, () -> server.pool()
        .preparedQuery("update supervision_records set content = '{}' where session_id = $1").execute(Tuple.of(session)).await(),
        "the database refuses too");

    var peerApi = server.as(peer);
    assertEquals(403, peerApi.post(API + "/sessions/" + session + "/record/finalize", new JsonObject()).statusCode());
    var ack = peerApi.post(API + "/sessions/" + session + "/record/acknowledge", new JsonObject().put("comment", "Thanks, agreed."));
    assertEquals(200, ack.statusCode(), ack.bodyAsString());
    assertEquals("acknowledged", ack.bodyAsJsonObject().getString("status"));
    assertEquals(409, peerApi.post(API + "/sessions/" + session + "/record/acknowledge", new JsonObject()).statusCode());

    assertEquals(201, api.post(API + "/sessions/" + session + "/record/amendments", new JsonObject().put("text", "Date was 10 Feb, not 11.")).statusCode());
    assertEquals(201, peerApi.post(API + "/sessions/" + session + "/record/amendments", new JsonObject().put("text", "I'd add: I asked for the van talk.")).statusCode());
    var seen = peerApi.get(API + "/sessions/" + session + "/record").bodyAsJsonObject();
    assertEquals(2, seen.getJsonArray("amendments").size());
    assertEquals(signed.getString("contentHash"), seen.getString("contentHash"));
    assertEquals("Thanks, agreed.", seen.getString("acknowledgementComment"));

    String audit = server.pool().preparedQuery("select string_agg(action, ',' order by id) from audit_log where subject_id = $1")
        .execute(Tuple.of(String.valueOf(session))).await().iterator().next().getString(0);
    assertEquals("supervision.record_finalized,supervision.record_acknowledged,supervision.record_amended,supervision.record_amended", audit);
  }

  @Test
  void openItemsCarryAcrossRescheduledAndCancelledSessionsUntilDecided() {
    var sup = server.fixtures().aSupervisor(org);
    var peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    var api = server.as(sup);
    assertEquals(200, api.put(API + "/pairings/" + pairing + "/schedule", new JsonObject().put("cadence", "weekly")
        .put("firstStart", "2026-03-03T10:00").put("durationMinutes", 60).put("modality", "in_person")).statusCode());

    long first = occurrence(api, pairing, "2026-03-03T10:00");
    String etag = Steps.startRecord(api, first);
    Steps.writeAndSign(api, first, etag, Steps.content("2026-03-03T10:00:00-06:00").put("actionItems", new JsonArray()
        .add(new JsonObject().put("text", "Ask manager about van duty").put("ownerId", peer.id()).put("dueDate", "2026-03-09"))));

    long cancelled = occurrence(api, pairing, "2026-03-10T10:00");
    assertEquals(200, api.patch(API + "/sessions/" + cancelled, new JsonObject().put("status", "cancelled")).statusCode());
    long moved = occurrence(api, pairing, "2026-03-17T10:00");
    var res = api.patch(API + "/sessions/" + moved, new JsonObject().put("startsAt", "2026-03-19T14:00:00-05:00"));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    assertEquals("2026-03-19T19:00:00Z", res.bodyAsJsonObject().getString("startsAt"));

    server.as(peer).post(API + "/pairings/" + pairing + "/agenda", new JsonObject().put("text", "Talk about my certification exam"));
    etag = Steps.startRecord(api, moved);
    JsonObject draft = api.get(API + "/sessions/" + moved + "/record").bodyAsJsonObject();
    JsonArray open = draft.getJsonArray("openItems");
    assertEquals(1, open.size(), "the item from the first session survives the cancelled one");
    long itemId = open.getJsonObject(0).getLong("id");
    assertEquals("Talk about my certification exam", draft.getJsonArray("agenda").getJsonObject(0).getString("text"));

    var undecided = Steps.put(api, moved, etag, Steps.content("2026-03-19T14:00:00-05:00"));
    assertEquals(400, Steps.finalizeRecord(api, moved, undecided.getHeader("ETag")).statusCode(), "open items must be decided");
    JsonObject carried = Steps.content("2026-03-19T14:00:00-05:00")
        .put("itemDecisions", new JsonArray().add(new JsonObject().put("itemId", itemId).put("decision", "carried")));
    var signed = Steps.finalizeRecord(api, moved, Steps.put(api, moved, undecided.getHeader("ETag"), carried).getHeader("ETag"));
    assertEquals(200, signed.statusCode(), signed.bodyAsString());
    assertEquals(1, signed.bodyAsJsonObject().getJsonObject("content").getJsonArray("agenda").size());

    long third = occurrence(api, pairing, "2026-03-24T10:00");
    etag = Steps.startRecord(api, third);
    assertEquals(itemId, api.get(API + "/sessions/" + third + "/record").bodyAsJsonObject().getJsonArray("openItems").getJsonObject(0).getLong("id"));
    Steps.writeAndSign(api, third, etag, Steps.content("2026-03-24T10:00:00-05:00")
        .put("itemDecisions", new JsonArray().add(new JsonObject().put("itemId", itemId).put("decision", "done"))));
    assertTrue(server.as(sup).get(API + "/dashboard").bodyAsJsonObject().getJsonArray("supervisees").stream()
        .map(o -> (JsonObject) o).filter(o -> o.getLong("pairingId") == pairing)
        .allMatch(o -> o.getJsonArray("openItems").isEmpty()));
    assertFalse(api.get(API + "/pairings/" + pairing + "/sessions").bodyAsString().contains("Ask manager"), "session lists are metadata");
  }

  static long occurrence(io.mooring.support.Api api, long pairing, String local) {
    var res = api.post(API + "/pairings/" + pairing + "/sessions", new JsonObject().put("occurrence", local));
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getLong("id");
  }

}
