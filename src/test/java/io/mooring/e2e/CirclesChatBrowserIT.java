package io.mooring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two members chat as they would in any chat app: the newest message in view, a jump button when
 * scrolled up, unread counts, honest sending state with the network cut, inline edit, delete with
 * undo, mentions. Each test has its own circle.
 */
@ExtendWith(ServerPerClass.class)
class CirclesChatBrowserIT {
  static TestServer server;
  static long org;
  static Fixtures.Person ana;
  static Fixtures.Person ben;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
    ana = server.fixtures().aPeer(org);
    ben = server.fixtures().aPeer(org);
  }

  static Page open(BrowserContext context, Fixtures.Person p, long circle) {
    Page page = context.newPage();
    Browser.signIn(page, server.baseUrl(), p.email(), Fixtures.PASSWORD);
    page.navigate(server.baseUrl() + "/circles/" + circle);
    connected(page);
    return page;
  }

  static void connected(Page page) {
    page.locator("[data-status]").filter(new Locator.FilterOptions().setHasText("connected")).waitFor();
  }

  /** {@code n} messages by {@code author}, as if sent earlier; {@code readUpTo} is what the reader has read. */
  static void history(long circle, Fixtures.Person author, int n, Fixtures.Person reader, int readUpTo) {
    var pool = server.fixtures().pool();
    pool.preparedQuery("""
        insert into circle_messages (circle_id, seq, author_id, client_msg_id, body, created_at)
        select $1, g, $2, 'old-' || g, 'Earlier message ' || g, now() - make_interval(mins => $3 - g) from generate_series(1, $3::int) g""")
        .execute(Tuple.of(circle, author.id(), n)).await();
    pool.preparedQuery("update circle_counters set last_seq = $2 where circle_id = $1").execute(Tuple.of(circle, (long) n)).await();
    pool.preparedQuery("update circle_members set last_read_seq = $3 where circle_id = $1 and user_id = $2")
        .execute(Tuple.of(circle, reader.id(), (long) readUpTo)).await();
  }

  static Locator message(Page p, String text) {
    return p.locator("[data-messages] li.message").filter(new Locator.FilterOptions().setHasText(text));
  }

  static void type(Page p, String text) {
    p.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).fill(text);
    p.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).press("Enter");
  }

  /** In the browser's viewport and not scrolled out of the message list. */
  static boolean inView(Page p, Locator item) {
    BoundingBox box;
    try {
      box = item.boundingBox(new Locator.BoundingBoxOptions().setTimeout(2000));
    } catch (com.microsoft.playwright.PlaywrightException e) {
      return false;
    }
    BoundingBox list = p.locator("[data-messages]").boundingBox();
    int height = p.viewportSize().height;
    return box != null && box.y >= 0 && box.y + box.height <= height + 0.5
        && box.y >= list.y - 0.5 && box.y + box.height <= list.y + list.height + 0.5;
  }

  static void waitInView(Page p, Locator item) {
    item.waitFor();
    until(p, () -> inView(p, item), "in view: " + item);
  }

  /** Polls from the test side (page.waitForCondition trips an internal assertion in Playwright 1.49 under load). */
  static void until(Page p, java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.currentTimeMillis() + 15_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      p.waitForTimeout(100);
    }
  }

  @Test
  void theNewestMessageStaysInViewAndAJumpButtonAppearsWhenScrolledUp() {
    // Their own two people: the navigation counts unread messages over all of a person's circles.
    Fixtures.Person ana = server.fixtures().aPeer(org);
    Fixtures.Person ben = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, ana, ben);
    history(circle, ana, 60, ben, 60);
    try (Browser browser = Browser.launch()) {
      Page a = open(browser.newContext(), ana, circle);
      Page b = open(browser.newContext(), ben, circle);
      assertTrue(inView(b, message(b, "Earlier message 60")), "opens at the newest message");
      type(a, "fresh from Ana");
      waitInView(b, message(b, "fresh from Ana"));
      type(b, "and back from Ben");
      waitInView(b, message(b, "and back from Ben"));
      waitInView(a, message(a, "and back from Ben"));

      b.locator("[data-messages]").evaluate("l => l.scrollTop = 0");
      until(b, () -> !inView(b, message(b, "and back from Ben")), "scrolled up");
      type(a, "while Ben reads history");
      Locator jump = b.locator("[data-jump]");
      jump.waitFor();
      assertEquals("1 new message ↓", jump.textContent());
      b.locator("[data-nav-unread]").filter(new Locator.FilterOptions().setHasText("1 unread")).waitFor();
      assertFalse(inView(b, message(b, "while Ben reads history")), "not yanked to the bottom while reading");
      jump.click();
      waitInView(b, message(b, "while Ben reads history"));
      until(b, () -> b.locator("[data-nav-unread]").isHidden(), "no unread left");
      Browser.assertAccessible(b);

      double before = message(b, "Earlier message 11").boundingBox().y;
      b.locator("[data-messages]").evaluate("l => l.scrollTop = 0");
      double top = message(b, "Earlier message 11").boundingBox().y;
      b.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load earlier messages")).click();
      b.getByText("Earlier message 1", new Page.GetByTextOptions().setExact(true)).waitFor();
      assertEquals(top, message(b, "Earlier message 11").boundingBox().y, 2.0, "loading older history keeps your place (was " + before + ")");
    }
  }

  @Test
  void aMemberOpensAtTheFirstUnreadMessageAndTheListShowsUnreadCounts() {
    long circle = server.fixtures().aCircle(org, ana, ben);
    history(circle, ana, 80, ben, 30);
    try (Browser browser = Browser.launch()) {
      Page b = browser.newContext().newPage();
      Browser.signIn(b, server.baseUrl(), ben.email(), Fixtures.PASSWORD);
      b.navigate(server.baseUrl() + "/circles");
      b.locator("[data-unread-for=\"" + circle + "\"]").filter(new Locator.FilterOptions().setHasText("50 unread")).waitFor();
      Browser.assertAccessible(b);
      b.navigate(server.baseUrl() + "/circles/" + circle);
      connected(b);
      waitInView(b, b.locator(".unread-marker"));
      assertTrue(inView(b, message(b, "Earlier message 31")), "the first unread message is in view");
      assertFalse(inView(b, message(b, "Earlier message 80")));
    }
  }

  /**
   * Offline, a message waits and says so: it is sent by itself when the connection is back, so it is
   * never called "failed" (a peer told that would type it again and post it twice).
   */
  @ParameterizedTest(name = "at {0} px wide")
  @ValueSource(ints = {1280, 375})
  void aMessageSentWithTheNetworkCutWaitsToSendAndIsDeliveredOnceWhenBackOnline(int width) {
    long circle = server.fixtures().aCircle(org, ana, ben);
    try (Browser browser = Browser.launch()) {
      BrowserContext anaContext = browser.newContext();
      Page a = open(anaContext, ana, circle);
      a.setViewportSize(width, width > 400 ? 800 : 740);
      Page b = open(browser.newContext(), ben, circle);
      anaContext.setOffline(true);
      a.locator("[data-status]").filter(new Locator.FilterOptions().setHasText("offline")).waitFor(
          new Locator.WaitForOptions().setTimeout(5000));
      assertFalse(a.locator("[data-status]").textContent().contains("connected"), "never claims connected while offline");
      type(a, "sent into the void");
      Locator pending = a.locator("[data-messages] li.pending").filter(new Locator.FilterOptions().setHasText("sent into the void"));
      pending.filter(new Locator.FilterOptions().setHasText("waiting to send")).waitFor(new Locator.WaitForOptions().setTimeout(1000));
      assertTrue(inView(a, pending), "your own message is in view at once");
      a.waitForTimeout(7000);  // longer than a send may wait for its ack
      assertTrue(pending.textContent().contains("waiting to send"), "still waiting, not failed: " + pending.textContent());
      assertFalse(pending.textContent().contains("failed"), pending.textContent());
      assertEquals(0, pending.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Retry")).count(), "nothing to retry by hand");
      Browser.assertAccessible(a);
      anaContext.setOffline(false);
      connected(a);
      message(a, "sent into the void").locator(".state").filter(new Locator.FilterOptions().setHasText("sent")).waitFor();
      message(b, "sent into the void").waitFor();
      b.waitForTimeout(1000);
      assertEquals(1, message(b, "sent into the void").count(), "sent once");
      assertEquals(1, message(a, "sent into the void").count());
    }
  }

  /** Written offline, the page closed: the next page of that browser sends it, once. */
  @Test
  void anUnsentMessageSurvivesTheNextPageLoad() {
    long circle = server.fixtures().aCircle(org, ana, ben);
    try (Browser browser = Browser.launch()) {
      BrowserContext anaContext = browser.newContext();
      Page a = open(anaContext, ana, circle);
      Page b = open(browser.newContext(), ben, circle);
      anaContext.setOffline(true);
      a.locator("[data-status]").filter(new Locator.FilterOptions().setHasText("offline")).waitFor();
      type(a, "written on a train");
      a.locator("li.pending").filter(new Locator.FilterOptions().setHasText("written on a train")).waitFor();
      a.close();
      b.waitForTimeout(500);
      assertEquals(0, message(b, "written on a train").count(), "not delivered while offline");
      anaContext.setOffline(false);
      Page again = anaContext.newPage();
      again.navigate(server.baseUrl() + "/circles/" + circle);
      message(again, "written on a train").locator(".state").filter(new Locator.FilterOptions().setHasText("sent")).waitFor();
      message(b, "written on a train").waitFor();
      b.waitForTimeout(500);
      assertEquals(1, message(b, "written on a train").count());
      assertEquals(1, message(again, "written on a train").count());
    }
  }

  @Test
  void editInlineDeleteWithUndoAndMentionSomeone() {
    long circle = server.fixtures().aCircle(org, ana, ben);
    try (Browser browser = Browser.launch()) {
      Page a = open(browser.newContext(), ana, circle);
      Page b = open(browser.newContext(), ben, circle);
      type(a, "first draft");
      message(b, "first draft").waitFor();
      message(a, "first draft").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit")).click();
      Browser.assertAccessible(a);
      a.getByLabel("Edit message").fill("second draft");
      a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
      message(b, "second draft").filter(new Locator.FilterOptions().setHasText("(edited)")).waitFor();

      message(a, "second draft").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
      a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo")).click();
      a.waitForTimeout(6000);
      assertEquals(1, message(b, "second draft").count(), "undone within the window: never deleted");
      message(a, "second draft").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
      b.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("Message deleted")).waitFor();

      Locator box = b.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
      box.click();
      box.pressSequentially("Thanks @" + ana.displayName().substring(0, 3));
      Locator option = b.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(ana.displayName()));
      option.waitFor();
      Browser.assertAccessible(b);
      option.click();
      assertEquals("Thanks @" + ana.displayName() + " ", box.inputValue());
      box.pressSequentially("for the notes");
      box.press("Enter");
      message(a, "for the notes").filter(new Locator.FilterOptions().setHasText("mentions you")).waitFor();
      assertEquals(1L, server.fixtures().pool().preparedQuery("select count(*) from circle_mentions where user_id = $1 and circle_id = $2")
          .execute(Tuple.of(ana.id(), circle)).await().iterator().next().getLong(0));

      // The mention reaches Ana's notifications too (written just after the message commits), and opens the message in its conversation.
      until(a, () -> server.fixtures().pool().preparedQuery("select count(*) from notifications where recipient_id = $1 and kind = 'circle_mention'")
          .execute(Tuple.of(ana.id())).await().iterator().next().getLong(0) == 1, "the mention is a notification");
      a.navigate(server.baseUrl() + "/notifications");
      Locator notice = a.getByRole(AriaRole.LINK).filter(new Locator.FilterOptions().setHasText(ben.displayName() + " mentioned you in"));
      notice.waitFor();
      Browser.assertAccessible(a);
      notice.click();
      connected(a);
      Locator target = a.locator("li.message.target");
      target.waitFor();
      assertTrue(target.textContent().contains("for the notes"), target.textContent());
      assertTrue(inView(a, target), "the mentioning message is in view");
    }
  }
}
