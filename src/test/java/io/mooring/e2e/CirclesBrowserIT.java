package io.mooring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two people in two browsers chat live in a circle; message text stays text. */
@ExtendWith(ServerPerClass.class)
class CirclesBrowserIT {
  static TestServer server;
  static Fixtures.Person ana;
  static Fixtures.Person ben;
  static long circle;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    long org = server.fixtures().anOrganization();
    ana = server.fixtures().aPeer(org);
    ben = server.fixtures().aPeer(org);
    circle = server.fixtures().aCircle(org, ana, ben);
  }

  Page open(BrowserContext context, Fixtures.Person p) {
    Page page = context.newPage();
    Browser.signIn(page, server.baseUrl(), p.email(), Fixtures.PASSWORD);
    page.navigate(server.baseUrl() + "/circles/" + circle);
    page.locator("[data-status]").filter(new Locator.FilterOptions().setHasText("connected")).waitFor();
    return page;
  }

  @Test
  void twoBrowsersChatLive() {
    try (Browser browser = Browser.launch()) {
      Page a = open(browser.newContext(), ana);
      Page b = open(browser.newContext(), ben);
      a.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).fill("<b>not bold</b> hello from Ana");
      a.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
      Locator got = b.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("hello from Ana"));
      got.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
      assertEquals("<b>not bold</b> hello from Ana", got.textContent());
      assertEquals(0, b.locator("[data-messages] b").count(), "message text is never HTML");
      b.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).fill("Hi Ana");
      b.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).press("Enter");
      a.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("Hi Ana")).waitFor();
      Browser.assertAccessible(a);
      a.navigate(server.baseUrl() + "/circles");
      Browser.assertAccessible(a);
    }
  }

  @Test
  void aFacilitatorSetsTheRecurringMeetingOnAPhoneAndMembersSeeTheNextOne() {
    try (Browser browser = Browser.launch()) {
      Page a = open(browser.newContext(), ana);
      a.setViewportSize(375, 740);
      a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Details and crisis lines")).click();
      a.locator("[data-circle-settings-box] summary").click();
      a.getByLabel("Repeats").selectOption("weekly");
      a.getByLabel("First meeting (local time)").fill("2026-03-03T16:00");
      a.getByLabel("Length (minutes)").fill("45");
      a.getByLabel("Where").fill("Room 2B");
      Browser.assertAccessible(a);
      assertEquals(Boolean.TRUE, a.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling on a phone");
      a.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save settings")).click();
      // On a phone the summary sits behind the details button: present after the reload, not yet shown.
      a.locator("[data-meeting-summary]").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
      assertEquals("Every week on Tuesday at 4:00 PM, 45 minutes (America/Chicago time)", a.locator("[data-meeting-summary]").textContent().strip());

      Page b = open(browser.newContext(), ben);
      String next = b.locator("[data-meeting-next]").textContent();
      assertTrue(next.startsWith("Next: Tuesday") && next.contains("at 4:00 PM (America/Chicago)"), next);
      assertEquals(0, b.locator("[data-circle-settings]").count(), "members do not get the settings form");
      Browser.assertAccessible(b);
    }
  }

  @Test
  void aFacilitatorInvitesAColleagueByTypingPartOfTheirName() {
    Fixtures.Person cara = server.fixtures().aPeer(ana.orgId());
    try (Browser browser = Browser.launch()) {
      Page a = open(browser.newContext(), ana);
      Locator who = a.getByLabel("Invite a peer colleague (name or e-mail)");
      who.click();
      a.waitForCondition(() -> a.locator("#invite-people option").count() > 0);
      assertEquals(0, a.locator("#invite-people option").filter(new Locator.FilterOptions().setHasText(ben.email())).count(),
          "members are not offered");
      who.fill(cara.email().substring(0, cara.email().indexOf('@')));
      a.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite")).click();
      a.locator("[data-requests] li").filter(new Locator.FilterOptions().setHasText(cara.displayName() + " (invited)")).waitFor();
      Browser.assertAccessible(a);
    }
  }

  /**
   * Ben's socket drops; while he is away Ana edits one message and deletes another; when his page
   * reconnects (resuming with after and changes) it shows both changes without reloading.
   */
  @Test
  void aReconnectingPageReceivesTheEditsAndDeletionsItMissed() {
    try (Browser browser = Browser.launch()) {
      Page a = open(browser.newContext(), ana);
      Page b = browser.newContext().newPage();
      List<String> urls = new CopyOnWriteArrayList<>();
      List<WebSocketRoute> sockets = new CopyOnWriteArrayList<>();
      AtomicBoolean away = new AtomicBoolean();
      b.routeWebSocket(Pattern.compile(".*/live.*"), ws -> {
        urls.add(ws.url());
        if (away.get()) {
          ws.close(DROP);
        } else {
          ws.connectToServer();
          sockets.add(ws);
        }
      });
      Browser.signIn(b, server.baseUrl(), ben.email(), Fixtures.PASSWORD);
      b.navigate(server.baseUrl() + "/circles/" + circle);
      b.locator("[data-status]").filter(new Locator.FilterOptions().setHasText("connected")).waitFor();
      b.evaluate("window.__sameDocument = true");
      say(a, "keep this one");
      say(a, "take this back");
      b.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("take this back")).waitFor();

      away.set(true);
      sockets.get(sockets.size() - 1).close(DROP);
      b.locator("[data-status]").filter(new Locator.FilterOptions().setHasText("reconnecting")).waitFor();
      mine(a, "keep this one").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit")).click();
      a.getByLabel("Edit message").fill("keep this one, edited");
      a.getByLabel("Edit message").press("Enter");
      a.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("keep this one, edited")).waitFor();
      mine(a, "take this back").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
      a.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("Message deleted")).waitFor();
      away.set(false);

      b.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("keep this one, edited")).waitFor();
      b.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("Message deleted")).waitFor();
      assertEquals(0, b.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("take this back")).count());
      assertEquals(Boolean.TRUE, b.evaluate("window.__sameDocument === true"), "replayed into the open page, not by reloading it");
      assertTrue(urls.get(urls.size() - 1).matches(".*after=\\d+&changes=\\d+"), urls.toString());
    }
  }

  @Test
  void aCircleStartedToHideItsHistoryShowsANewcomerOnlyWhatCameAfterThem() {
    Fixtures.Person cara = server.fixtures().aPeer(ana.orgId());
    try (Browser browser = Browser.launch()) {
      Page a = browser.newContext().newPage();
      Browser.signIn(a, server.baseUrl(), ana.email(), Fixtures.PASSWORD);
      a.navigate(server.baseUrl() + "/circles");
      a.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Newcomers start fresh");
      a.getByLabel("Who can join").selectOption("open");
      a.getByLabel("What people who join later can read").selectOption("false");
      a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create circle")).click();
      a.locator("[data-status]").filter(new Locator.FilterOptions().setHasText("connected")).waitFor();
      String page = a.url();
      say(a, "said before Cara came");

      Page c = browser.newContext().newPage();
      Browser.signIn(c, server.baseUrl(), cara.email(), Fixtures.PASSWORD);
      c.navigate(page);
      c.getByText("members read only what is written after they join").waitFor();
      Browser.assertAccessible(c);
      c.getByLabel("I accept the ground rules").check();
      c.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join").setExact(true)).click();
      c.locator("[data-status]").filter(new Locator.FilterOptions().setHasText("connected")).waitFor();
      say(a, "said after Cara came");
      mine(c, "said after Cara came").waitFor();
      assertEquals(0, mine(c, "said before Cara came").count(), "the earlier message is not shown to the newcomer");

      a.reload();
      a.getByText("Circle settings", new Page.GetByTextOptions().setExact(true)).click();
      assertEquals("false", a.getByLabel("What people who join later can read").inputValue());
      Browser.assertAccessible(a);
    }
  }

  /** With a code: Playwright 1.49 fails on a close event that has none. */
  static final WebSocketRoute.CloseOptions DROP = new WebSocketRoute.CloseOptions().setCode(4000).setReason("network dropped (test)");

  static void say(Page p, String text) {
    p.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).fill(text);
    p.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).press("Enter");
    p.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText(text)).waitFor();
  }

  static Locator mine(Page p, String text) {
    return p.locator("[data-messages] li.message").filter(new Locator.FilterOptions().setHasText(text));
  }
}
