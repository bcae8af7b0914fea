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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A peer completes a check-in on a phone-sized screen, watches the live total, and sees the trend chart. */
@ExtendWith(ServerPerClass.class)
class CheckInBrowserIT {
  static TestServer server;
  static Fixtures.Person peer;
  static Fixtures.Person supervisor;
  Browser browser;
  BrowserContext context;
  Page page;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    long org = server.fixtures().anOrganization();
    peer = server.fixtures().aPeer(org);
    supervisor = server.fixtures().aSupervisor(org);
    server.fixtures().aPairing(supervisor, peer, "peer");
  }

  @BeforeEach
  void open() {
    browser = Browser.launch();
    context = browser.newContext();
    page = context.newPage();
    page.setViewportSize(390, 844);
  }

  @AfterEach
  void close() {
    if (browser != null) {
      context.close();
      browser.close();
    }
  }

  @Test
  void aPeerCompletesACheckInAndSeesTheChart() {
    Browser.signIn(page, server.baseUrl(), peer.email(), Fixtures.PASSWORD);
    page.navigate(server.baseUrl() + "/checkins");
    Browser.assertAccessible(page);
    page.getByLabel("Sharing lived experience with purpose").fill("60");
    page.getByLabel("Routine driving").fill("30");
    assertTrue(page.locator("[data-total-hint]").innerText().contains("10% left"), page.locator("[data-total-hint]").innerText());
    page.getByLabel("Facilitating peer groups").fill("10");
    assertEquals("100%", page.locator("[data-total]").innerText());
    for (String q : new String[] {"I was asked to act outside the peer role", "I felt included as a member of the team",
        "I felt supported by supervision", "My colleagues understand my role"}) {
      page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName(q)).getByLabel("3").check();
    }
    page.getByLabel("Reflection (private unless you share it)").fill("Drove the van a lot this fortnight.");
    page.getByLabel("I want to talk about this at my next supervision").check();
    page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save check-in")).click());
    assertTrue(page.url().contains("done=saved"), page.url());
    assertTrue(page.locator("svg[role=img]").isVisible());
    assertTrue(page.locator("svg[role=img] title").first().textContent().contains("My drift score trend"));
    assertTrue(page.locator("table").innerText().contains("30.0"), "30 of 100 direct+drift points are chores: " + page.locator("table").innerText());
    Browser.assertAccessible(page);

    BrowserContext supContext = browser.newContext();
    Page sup = supContext.newPage();
    Browser.signIn(sup, server.baseUrl(), supervisor.email(), Fixtures.PASSWORD);
    sup.navigate(server.baseUrl() + "/checkins");
    sup.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(peer.displayName())).click();
    sup.waitForURL("**/checkins/people/" + peer.id());
    assertTrue(sup.locator("svg[role=img]").isVisible());
    assertTrue(sup.locator("main").innerText().contains("discuss"), "the request to discuss reaches the supervisor");
    assertFalse(sup.locator("main").innerText().contains("Drove the van"), "the reflection was not shared");
    Browser.assertAccessible(sup);
    supContext.close();
  }
}
