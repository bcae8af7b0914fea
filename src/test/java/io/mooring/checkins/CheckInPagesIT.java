package io.mooring.checkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pages work without JavaScript: the form posts, the server validates, the history draws an SVG chart. */
@ExtendWith(ServerPerClass.class)
class CheckInPagesIT {
  static TestServer server;
  static Fixtures f;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    f = server.fixtures();
    org = f.anOrganization();
  }

  static HttpResponse<Buffer> page(Api as, String path) {
    return as.request(HttpMethod.GET, path).putHeader("Accept", "text/html").send().await();
  }

  static MultiMap form(String lived, String filing) {
    return MultiMap.caseInsensitiveMultiMap().add("unit", "percent").add("a.lived_experience", lived).add("a.filing", filing)
        .add("a.driving", "").add("p.asked_outside_role", "2").add("p.felt_included", "4").add("p.felt_supported", "4")
        .add("p.role_understood", "4").add("reflection", "page reflection <b>not bold</b>").add("shareAnswers", "on");
  }

  static HttpResponse<Buffer> post(Api as, MultiMap form) {
    return as.request(HttpMethod.POST, "/checkins").putHeader("Accept", "text/html").sendForm(form).await();
  }

  @Test
  void aPeerChecksInThroughTheFormAndSeesTheChart() {
    var peer = f.aPeer(org);
    Api as = server.as(peer);
    var empty = page(as, "/checkins");
    assertEquals(200, empty.statusCode());
    assertTrue(empty.bodyAsString().contains("No check-in yet"));
    assertTrue(empty.bodyAsString().contains("name=\"a.teaching_skills\""));

    var bad = post(as, form("50", "30"));
    assertEquals(400, bad.statusCode());
    assertTrue(bad.bodyAsString().contains("Time spent: must total 100 percent"), "server-side validation without JS, in the form's words");
    assertTrue(bad.bodyAsString().contains("value=\"30\""), "the entered values come back");

    var ok = post(as, form("70", "30"));
    assertEquals(302, ok.statusCode(), ok.bodyAsString());
    String html = page(as, "/checkins").bodyAsString();
    assertTrue(html.contains("<svg role=\"img\""), html);
    assertTrue(html.contains("<title id=\"trend-title\">My drift score trend</title>"));
    assertTrue(html.contains("<td>30.0</td>"), "the data table repeats the chart's values");
    assertFalse(html.contains("<b>not bold</b>"), "user text is escaped");
  }

  /**
   * A second check-in for the same period through the form (Back after saving, then submit again) ended on the
   * bare error page "That already exists." with the typed answers gone: the duplicate came up as a database
   * error the page did not recognise. It is the form again, saying why, with the answers still in it.
   */
  @Test
  void aSecondCheckInForTheSamePeriodIsTheFormAgainWithTheAnswersKept() {
    Api as = server.as(f.aPeer(org));
    assertEquals(302, post(as, form("70", "30")).statusCode());
    var again = post(as, form("60", "40"));
    assertEquals(409, again.statusCode());
    String html = again.bodyAsString();
    assertTrue(html.contains("You already have a check-in for that period."), html);
    assertTrue(html.contains("value=\"40\""), "the typed answers come back");
    assertTrue(html.contains("name=\"a.teaching_skills\""), "the form, not an error page");
  }

  @Test
  void aSupervisorSeesTheSuperviseeTrendButNotThePrivateReflection() {
    var peer = f.aPeer(org);
    var sup = f.aSupervisor(org);
    f.aPairing(sup, peer, "peer");
    assertEquals(302, post(server.as(peer), form("60", "40")).statusCode());
    String list = page(server.as(sup), "/checkins").bodyAsString();
    assertTrue(list.contains("/checkins/people/" + peer.id()), list);
    var person = page(server.as(sup), "/checkins/people/" + peer.id());
    assertEquals(200, person.statusCode());
    String html = person.bodyAsString();
    assertTrue(html.contains("<svg role=\"img\""));
    assertTrue(html.contains("threshold"));
    assertTrue(html.contains("lived experience: 60%"), "answers were shared");
    assertFalse(html.contains("page reflection"), "the reflection was not shared");
  }

  @Test
  void strangersGet404AndPeersCannotOpenTheProgramView() {
    var peer = f.aPeer(org);
    var stranger = f.aPeer(org);
    var unpaired = f.aSupervisor(org);
    var admin = f.anAdmin(org);
    for (Fixtures.Person who : new Fixtures.Person[] {stranger, unpaired, admin}) {
      assertEquals(404, page(server.as(who), "/checkins/people/" + peer.id()).statusCode());
    }
    assertEquals(403, page(server.as(peer), "/checkins/program").statusCode());
  }

  @Test
  void aSupervisorAddsTheirPerspectiveAndThePeerSeesBothSideBySide() {
    var peer = f.aPeer(org);
    var sup = f.aSupervisor(org);
    f.aPairing(sup, peer, "peer");
    assertEquals(302, post(server.as(peer), form("60", "40")).statusCode());
    String before = page(server.as(sup), "/checkins/people/" + peer.id()).bodyAsString();
    assertTrue(before.contains("Your perspective on the period ending"));
    long checkInId = server.as(peer).get("/api/v1/checkins").bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getLong("id");
    var rated = server.as(sup).request(HttpMethod.POST, "/checkins/" + checkInId + "/rating").putHeader("Accept", "text/html")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("unit", "percent").add("a.lived_experience", "50").add("a.driving", "50")).await();
    assertEquals(302, rated.statusCode(), rated.bodyAsString());
    String mine = page(server.as(peer), "/checkins/people/" + peer.id()).bodyAsString();
    assertTrue(mine.contains("Side by side (supervisor score 50.0)"), mine);
    assertTrue(mine.contains("<td>Routine driving</td><td>0%</td><td>50%</td>"), mine);
    assertTrue(mine.contains("<td>Filing</td><td>40%</td><td>0%</td>"));
    assertFalse(mine.contains("Your perspective on the period ending"), "peers do not rate themselves as supervisors");
    var stranger = f.aSupervisor(org);
    var refused = server.as(stranger).request(HttpMethod.POST, "/checkins/" + checkInId + "/rating").putHeader("Accept", "text/html")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("unit", "percent").add("a.driving", "100")).await();
    assertEquals(404, refused.statusCode());
  }
}
