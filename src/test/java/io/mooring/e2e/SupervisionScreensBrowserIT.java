package io.mooring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12, at desktop and phone widths: an administrator creates and schedules a pairing; a supervisor
 * schedules a pairing, holds a session booked for a later day only on purpose, and signs; a peer adds an
 * agenda item, is told so, and sees it again. No page scrolls sideways; axe finds nothing serious.
 */
@ExtendWith(ServerPerClass.class)
class SupervisionScreensBrowserIT {
  static final ZoneId ZONE = ZoneId.of("America/Chicago");
  static TestServer server;
  static long org;
  static Fixtures.Person admin;
  Browser browser;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization(ZONE.getId());
    admin = server.fixtures().anAdmin(org);
  }

  @BeforeEach
  void launch() {
    browser = Browser.launch();
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.close();
    }
  }

  Page as(Fixtures.Person who, int width, int height) {
    BrowserContext context = browser.newContext();
    Page page = context.newPage();
    page.setViewportSize(width, height);
    page.onDialog(d -> d.accept());
    Browser.signIn(page, server.baseUrl(), who.email(), Fixtures.PASSWORD);
    return page;
  }

  static void fits(Page page) {
    Browser.assertAccessible(page);
    Browser.assertNoSidewaysScroll(page);
  }

  static Page.GetByRoleOptions named(String name) {
    return new Page.GetByRoleOptions().setName(name);
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"1280,800", "375,740"})
  void anAdministratorCreatesAndSchedulesAPairing(int width, int height) {
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    Page page = as(admin, width, height);
    page.navigate(server.baseUrl() + "/");
    page.getByRole(AriaRole.LINK, named("Supervision pairings")).click();
    page.waitForURL("**/supervision/admin");
    fits(page);
    page.selectOption("#p-supervisor", String.valueOf(sup.id()));
    page.selectOption("#p-supervisee", String.valueOf(peer.id()));
    page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, named("Create pairing")).click());
    assertTrue(page.url().contains("/supervision/pairings/"), page.url());
    assertTrue(page.locator("main").innerText().contains("No schedule yet"), page.locator("main").innerText());

    String first = LocalDate.now(ZONE).plusDays(3).atTime(9, 30).toString();
    page.selectOption("#sch-cadence", "biweekly");
    page.locator("#sch-first").fill(first);
    page.locator("#sv-preview li").nth(2).waitFor();
    assertEquals(6, page.locator("#sv-preview li").count(), "the preview shows the next dates before saving");
    fits(page);
    page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, named("Save schedule")).click());
    assertTrue(page.locator("main").innerText().contains("Meets every 2 weeks"), page.locator("main").innerText());
    assertTrue(page.locator("main").innerText().contains("09:30"), "the dates are in the organization's time, for people");

    page.getByLabel("How often you meet").fill("Every two weeks, an hour");
    page.getByLabel("Confidentiality").fill("What we discuss stays between us unless someone is at risk.");
    page.getByLabel("Expectations").fill("Come with one win and one question.");
    page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, named("Save agreement")).click());
    assertTrue(page.locator("main").innerText().contains("Version 1"), page.locator("main").innerText());

    page.getByRole(AriaRole.LINK, named("All pairings")).click();
    page.waitForURL("**/supervision/admin");
    String row = page.locator("tr", new Page.LocatorOptions().setHasText(peer.displayName())).innerText();
    assertFalse(row.contains("No schedule"), row);
    fits(page);
    page.context().close();
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"1280,800", "375,740"})
  void aSupervisorSchedulesHoldsAndSigns(int width, int height) {
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    long pairing = server.fixtures().aPairing(sup, peer, "peer");

    Page peerPage = as(peer, width, height);
    peerPage.navigate(server.baseUrl() + "/supervision");
    peerPage.getByLabel("Add an item to my agenda for the next session").fill("Talk about my certification exam");
    peerPage.waitForNavigation(() -> peerPage.getByRole(AriaRole.BUTTON, named("Add to agenda")).click());
    assertTrue(peerPage.locator(".flash").innerText().contains("Added to your agenda"), "adding says it worked");
    assertTrue(peerPage.locator(".sv-agenda").innerText().contains("Talk about my certification exam"), "the peer sees the item again");
    fits(peerPage);

    Page page = as(sup, width, height);
    page.navigate(server.baseUrl() + "/supervision");
    fits(page);
    page.getByRole(AriaRole.LINK, named("Set a schedule")).click();
    page.waitForURL("**/supervision/pairings/" + pairing);
    page.locator("#sch-first").fill(LocalDate.now(ZONE).plusDays(2).atTime(15, 0).toString());
    page.locator("#sv-preview li").first().waitFor();
    page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, named("Save schedule")).click());
    assertTrue(page.locator("main").innerText().contains("Meets every week"), page.locator("main").innerText());

    // The next session is on a later day: preparing it does not hold it.
    page.navigate(server.baseUrl() + "/supervision");
    page.getByRole(AriaRole.BUTTON, named("Prepare next session")).click();
    page.waitForURL("**/supervision/sessions/*");
    assertTrue(page.locator("main").innerText().contains("Open it on the day"), page.locator("main").innerText());
    assertEquals(0, hours(peer), "nothing is held yet");
    fits(page);
    page.getByRole(AriaRole.BUTTON, named("Hold it now instead")).click();
    page.locator("#sv-record").waitFor();
    assertTrue(page.content().contains("Talk about my certification exam"), "the peer's agenda is on the record");
    page.locator("#st-0").fill("Advocates for choice");
    page.locator("#ex-0").fill("Spoke up in the huddle so a member could choose his discharge date");
    page.getByLabel("Goal 1").fill("Lead the Thursday group");
    fits(page);
    page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, named("Sign and finalize")).click());
    assertTrue(page.locator("main").innerText().contains("content hash"), page.locator("main").innerText());
    assertFalse(page.locator("main").innerText().matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d.*"), "no machine timestamps");
    fits(page);
    assertEquals(1, hours(peer), "signed: held now, counted once");

    page.navigate(server.baseUrl() + "/supervision/records");
    assertTrue(page.locator("main").innerText().contains(peer.displayName()), page.locator("main").innerText());
    fits(page);
    peerPage.navigate(server.baseUrl() + "/supervision/records");
    assertTrue(peerPage.locator("main").innerText().contains("please acknowledge"), peerPage.locator("main").innerText());
    assertTrue(peerPage.locator("main").innerText().contains(sup.displayName()));
    fits(peerPage);
    page.context().close();
    peerPage.context().close();
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"1280,800", "375,740"})
  void anUnscheduledSessionAsksFirstAndCanBeDiscarded(int width, int height) {
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    server.fixtures().aPairing(sup, peer, "peer");
    Page page = as(sup, width, height);
    String[] asked = {null};
    page.onDialog(d -> asked[0] = d.message());
    page.navigate(server.baseUrl() + "/supervision");
    page.getByRole(AriaRole.BUTTON, named("Session now (unscheduled)")).click();
    page.waitForURL("**/supervision/sessions/*");
    assertTrue(asked[0] != null && asked[0].contains("only once you sign"), String.valueOf(asked[0]));
    page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, named("Discard this session and its draft")).click());
    assertTrue(page.locator(".flash").innerText().contains("Discarded"), page.locator("main").innerText());
    assertEquals(0, hours(peer));
    page.context().close();
  }

  static int hours(Fixtures.Person peer) {
    var res = server.as(peer).get("/api/v1/supervision/supervisees/" + peer.id() + "/hours");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("sessions", new io.vertx.core.json.JsonArray()).size();
  }
}
