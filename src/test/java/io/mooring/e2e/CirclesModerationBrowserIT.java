package io.mooring.e2e;

import static io.mooring.e2e.CirclesChatBrowserIT.inView;
import static io.mooring.e2e.CirclesChatBrowserIT.message;
import static io.mooring.e2e.CirclesChatBrowserIT.open;
import static io.mooring.e2e.CirclesChatBrowserIT.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Search leads to the message in its conversation; a report reaches the facilitator's queue; the phone layout. */
@ExtendWith(ServerPerClass.class)
class CirclesModerationBrowserIT {
  static TestServer server;
  static long org;
  static Fixtures.Person fac;
  static Fixtures.Person ben;
  static Fixtures.Person cara;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    CirclesChatBrowserIT.server = started;
    org = server.fixtures().anOrganization();
    fac = server.fixtures().aPeer(org);
    ben = server.fixtures().aPeer(org);
    cara = server.fixtures().aPeer(org);
  }

  @Test
  void searchFindsAMessageAndOpensItInContext() {
    long circle = server.fixtures().aCircle(org, fac, ben);
    long other = server.fixtures().aCircle(org, cara);
    CirclesChatBrowserIT.history(circle, fac, 120, ben, 120);
    server.fixtures().pool().preparedQuery("update circle_messages set body = 'The harbor walk helped me reset' where circle_id = $1 and seq = 7")
        .execute(Tuple.of(circle)).await();
    server.fixtures().pool().preparedQuery("""
        insert into circle_messages (circle_id, seq, author_id, client_msg_id, body) values ($1, 1, $2, 'x', 'harbor secrets elsewhere')""")
        .execute(Tuple.of(other, cara.id())).await();
    try (Browser browser = Browser.launch()) {
      Page b = browser.newContext().newPage();
      Browser.signIn(b, server.baseUrl(), ben.email(), Fixtures.PASSWORD);
      b.navigate(server.baseUrl() + "/circles");
      b.getByLabel("Search messages in my circles").fill("harbor");
      b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true)).click();
      Locator results = b.locator("[data-search-results] li");
      results.first().waitFor();
      assertEquals(1, results.count(), "only circles Ben is in");
      assertFalse(b.locator("[data-search-results]").textContent().contains("secrets"));
      Browser.assertAccessible(b);
      results.getByRole(AriaRole.LINK).click();
      CirclesChatBrowserIT.connected(b);
      Locator target = b.locator("li.message.target");
      target.waitFor();
      assertTrue(target.textContent().contains("The harbor walk helped me reset"));
      assertTrue(inView(b, target), "the found message is in view, in its conversation");
    }
  }

  @Test
  void aReportIsThankedOnceAndTheFacilitatorHidesTheMessage() {
    long circle = server.fixtures().aCircle(org, fac, ben, cara);
    try (Browser browser = Browser.launch()) {
      Page c = open(browser.newContext(), cara, circle);
      type(c, "an unkind remark");
      Page b = open(browser.newContext(), ben, circle);
      message(b, "an unkind remark").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Report")).click();
      b.getByLabel("What is the concern?").fill("This felt like a put-down");
      b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send report")).click();
      b.locator("[data-chat-notice]").filter(new Locator.FilterOptions().setHasText("Reported, thank you")).waitFor();
      message(b, "an unkind remark").filter(new Locator.FilterOptions().setHasText("Reported — thank you")).waitFor();
      assertEquals(0, message(b, "an unkind remark").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Report")).count(),
          "cannot report the same message twice");
      Browser.assertAccessible(b);

      Page f = open(browser.newContext(), fac, circle);
      Locator report = f.locator("[data-reports] li").filter(new Locator.FilterOptions().setHasText("an unkind remark"));
      report.waitFor();
      assertTrue(report.textContent().contains("This felt like a put-down"));
      assertFalse(report.textContent().contains(ben.displayName()), "the reporter stays anonymous");
      Browser.assertAccessible(f);
      report.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Hide message")).click();
      f.locator("[data-chat-notice]").filter(new Locator.FilterOptions().setHasText("Message hidden")).waitFor();
      f.locator("[data-reports]").filter(new Locator.FilterOptions().setHasText("No open reports")).waitFor();
      b.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("Message deleted")).waitFor();
      assertEquals(0, b.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("an unkind remark")).count());
    }
  }

  @Test
  void onAPhoneTheConversationFillsTheScreenAndDetailsSitBehindAButton() {
    long circle = server.fixtures().aCircle(org, fac, ben);
    CirclesChatBrowserIT.history(circle, fac, 40, ben, 40);
    server.fixtures().pool().preparedQuery("""
        insert into circle_crisis_resources (org_id, body) values ($1, 'Call or text 988. Harbor line: (555) 010-4400.')
        on conflict (org_id) do update set body = excluded.body""").execute(Tuple.of(org)).await();
    try (Browser browser = Browser.launch()) {
      Page b = browser.newContext().newPage();
      b.setViewportSize(375, 740);
      Browser.signIn(b, server.baseUrl(), ben.email(), Fixtures.PASSWORD);
      b.navigate(server.baseUrl() + "/circles/" + circle);
      CirclesChatBrowserIT.connected(b);
      assertEquals(Boolean.TRUE, b.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
      BoundingBox composer = b.locator("[data-composer]").boundingBox();
      BoundingBox chat = b.locator(".chat").boundingBox();
      assertTrue(composer.y + composer.height <= 740, "the composer is on the first screen");
      assertTrue(chat.height >= 740 * 0.6, "the conversation takes most of the screen: " + chat.height);
      assertTrue(inView(b, message(b, "Earlier message 40")));
      assertTrue(b.locator("#circle-details").isHidden(), "details wait behind the button");
      Browser.assertAccessible(b);

      b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Details and crisis lines")).click();
      Locator tel = b.locator("#circle-details a[href='tel:5550104400']");
      tel.waitFor();
      assertEquals("(555) 010-4400", tel.textContent());
      assertEquals(1, b.locator("#circle-details a[href='tel:988']").count());
      b.locator("#members-h").waitFor();
      assertEquals(Boolean.TRUE, b.evaluate("document.documentElement.scrollWidth <= window.innerWidth"));
      Browser.assertAccessible(b);
    }
  }
}
