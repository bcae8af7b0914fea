package io.mooring.supervision;

import static io.mooring.supervision.Steps.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 12 items 3, 5 and 9 on the pages: a readable drift summary, flags grouped by kind, the peer's agenda shown back. */
@ExtendWith(ServerPerClass.class)
class SupervisionRecordPageIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
  }

  static String html(Fixtures.Person who, String path) {
    var res = server.as(who).request(HttpMethod.GET, path).putHeader("Accept", "text/html").send().await();
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsString();
  }

  @Test
  void theRecordFormSaysTheCheckInInWordsAndGroupsManyFlagsByKind() {
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    long checkIn = server.fixtures().pool().preparedQuery("select checkin_id from checkin_flags where id = $1")
        .execute(Tuple.of(Steps.driftingCheckIn(server, peer))).await().iterator().next().getLong(0);
    for (int i = 0; i < 32; i++) {
      server.fixtures().pool().preparedQuery("insert into checkin_flags (org_id, checkin_id, peer_id, kind, detail) values ($1, $2, $3, $4, $5)")
          .execute(Tuple.of(org, checkIn, peer.id(), i % 2 == 0 ? "chores" : "clinical_drift", "flag " + i)).await();
    }
    long session = Steps.oneOffSession(server, sup, pairing, OffsetDateTime.now().minusMinutes(5).toString());
    Steps.startRecord(server.as(sup), session);

    String page = html(sup, "/supervision/sessions/" + session);
    assertFalse(page.contains("{&#34;id&#34;") || page.contains("{\"id\""), "no raw JSON on the form");
    assertTrue(page.contains("Role-drift score:"), "the check-in in words");
    int boxes = page.split("data-flags=").length - 1;
    assertTrue(boxes >= 2 && boxes <= 3, "one checkbox per kind, not one per flag: " + boxes);
    assertTrue(page.matches("(?s).*1[67] open.*"), "each kind says how many flags it holds");
  }

  @Test
  void thePeerSeesTheirAgendaItemAgain() {
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    var added = server.as(peer).post(API + "/pairings/" + pairing + "/agenda", new JsonObject().put("text", "Ask about the exam fee"));
    assertEquals(201, added.statusCode(), added.bodyAsString());
    String page = html(peer, "/supervision?done=agenda-added");
    assertTrue(page.contains("Added to your agenda"), "adding is confirmed");
    assertTrue(page.contains("Ask about the exam fee"), "and the item is listed for the next session");
  }

  @Test
  void pastRecordsAreListedBySessionDateWithNamesAndASharedRecordIsFound() {
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person clinician = server.fixtures().aSupervisor(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");
    server.fixtures().aPairing(clinician, peer, "peer");
    String when = OffsetDateTime.now().minusDays(40).toString();
    long session = Steps.oneOffSession(server, sup, pairing, when);
    Steps.writeAndSign(server.as(sup), session, Steps.startRecord(server.as(sup), session), Steps.content(when));

    String mine = html(peer, "/supervision/records?period=3m");
    assertTrue(mine.contains("/supervision/sessions/" + session) && mine.contains(sup.displayName()), mine);
    assertTrue(mine.contains("please acknowledge"), "the status is said in words");
    assertTrue(html(sup, "/supervision/records").contains(peer.displayName()), "the supervisor has a list too");
    assertFalse(html(clinician, "/supervision/records").contains("/supervision/sessions/" + session), "not shared yet");

    var shared = server.as(peer).post(API + "/sessions/" + session + "/record/shares", new JsonObject().put("supervisorId", clinician.id()));
    assertTrue(shared.statusCode() < 300, shared.bodyAsString());
    String theirs = html(clinician, "/supervision/records");
    assertTrue(theirs.contains("Records shared with me") && theirs.contains("/supervision/sessions/" + session), theirs);
  }
}
