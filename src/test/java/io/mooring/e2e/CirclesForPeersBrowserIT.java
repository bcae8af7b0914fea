package io.mooring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The circles page offers only what the viewer can do: circles are for peer staff. */
@ExtendWith(ServerPerClass.class)
class CirclesForPeersBrowserIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
  }

  static Page circles(Browser browser, Fixtures.Person p, int width) {
    Page page = browser.newContext().newPage();
    page.setViewportSize(width, width > 400 ? 800 : 740);
    Browser.signIn(page, server.baseUrl(), p.email(), Fixtures.PASSWORD);
    page.navigate(server.baseUrl() + "/circles");
    return page;
  }

  @ParameterizedTest(name = "at {0} px wide")
  @ValueSource(ints = {1280, 375})
  void anAdminIsNotOfferedCircleActionsTheyCannotTake(int width) {
    Fixtures.Person admin = server.fixtures().anAdmin(org);
    try (Browser browser = Browser.launch()) {
      Page page = circles(browser, admin, width);
      String main = page.locator("main").innerText();
      assertTrue(main.contains("Circles are for peer staff"), main);
      assertEquals(0, page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Start a circle")).count(), "no create form: " + main);
      assertEquals(0, page.locator("[data-circle-create]").count());
      assertEquals(0, page.getByLabel("Search messages in my circles").count(), "no search: " + main);
      Browser.assertAccessible(page);
      Browser.assertNoSidewaysScroll(page);
    }
  }

  @ParameterizedTest(name = "at {0} px wide")
  @ValueSource(ints = {1280, 375})
  void anAdminWhoIsAlsoAPeerKeepsEverything(int width) {
    Fixtures.Person both = server.fixtures().aPerson(org, "admin", "peer");
    try (Browser browser = Browser.launch()) {
      Page page = circles(browser, both, width);
      page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Start a circle")).waitFor();
      page.getByLabel("Search messages in my circles").waitFor();
      assertTrue(!page.locator("main").innerText().contains("Circles are for peer staff"));
      Browser.assertAccessible(page);
    }
  }
}
