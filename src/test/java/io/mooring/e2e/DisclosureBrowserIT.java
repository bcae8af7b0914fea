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

/** A peer writes an item, shares it with their team, a teammate sees it, then one click hides everything. */
@ExtendWith(ServerPerClass.class)
class DisclosureBrowserIT {
  static TestServer server;
  static Fixtures.Person owner;
  static Fixtures.Person teammate;
  Browser browser;
  BrowserContext ownerContext;
  BrowserContext teammateContext;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    long org = server.fixtures().anOrganization();
    owner = server.fixtures().aPeer(org);
    teammate = server.fixtures().aPeer(org);
    server.fixtures().aTeam(org, owner, teammate);
  }

  @BeforeEach
  void open() {
    browser = Browser.launch();
    ownerContext = browser.newContext();
    teammateContext = browser.newContext();
  }

  @AfterEach
  void close() {
    if (browser != null) {
      ownerContext.close();
      teammateContext.close();
      browser.close();
    }
  }

  @Test
  void shareWithMyTeamThenHideEverything() {
    Page page = ownerContext.newPage();
    page.setViewportSize(375, 740);
    Browser.signIn(page, server.baseUrl(), owner.email(), Fixtures.PASSWORD);
    page.navigate(server.baseUrl() + "/disclosure");
    Browser.assertAccessible(page);
    assertTrue((Boolean) page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
        "no sideways scrolling on a phone");

    page.locator("#c-pronouns").fill("xe/xem");
    page.waitForNavigation(() -> page.locator("#item-pronouns").getByRole(AriaRole.BUTTON,
        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Save pronouns")).click());
    var item = page.locator("#item-pronouns");
    assertTrue(item.locator(".audience-status").innerText().startsWith("Only me"));
    item.getByLabel("My team").check();
    assertTrue(item.locator(".audience-status").innerText().startsWith("Shared with 1 audience"));
    page.waitForNavigation(() -> item.getByRole(AriaRole.BUTTON,
        new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Save who may see it")).click());
    assertTrue(page.locator("#item-pronouns").getByLabel("My team").isChecked());
    assertTrue(page.locator("#item-pronouns .who-sees").innerText().contains(teammate.displayName()), "who can see it right now, by name");
    Browser.assertAccessible(page);

    // Someone else's change (a newcomer on the team) is announced on the owner's next visit, once.
    var newcomer = server.fixtures().aPeer(owner.orgId());
    server.pool().preparedQuery("insert into team_members (team_id, user_id) select team_id, $2 from team_members where user_id = $1")
        .execute(io.vertx.sqlclient.Tuple.of(owner.id(), newcomer.id())).await();
    page.reload();
    assertTrue(page.locator("main").innerText().contains(newcomer.displayName() + " can now see: Pronouns"), "new since your last visit");
    Browser.assertAccessible(page);
    page.reload();
    assertFalse(page.locator("main").innerText().contains("New since your last visit"), "told once");

    Page other = teammateContext.newPage();
    Browser.signIn(other, server.baseUrl(), teammate.email(), Fixtures.PASSWORD);
    other.navigate(server.baseUrl() + "/people/" + owner.id());
    assertTrue(other.locator("main").innerText().contains("xe/xem"));
    Browser.assertAccessible(other);

    page.onDialog(d -> d.accept());
    page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hide everything")).click());
    assertFalse(page.locator("#item-pronouns").getByLabel("My team").isChecked());
    other.reload();
    assertFalse(other.locator("main").innerText().contains("xe/xem"));
    assertEquals(1, other.locator("text=Nothing shared with you.").count());
  }
}
