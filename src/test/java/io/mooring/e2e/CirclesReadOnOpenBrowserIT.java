package io.mooring.e2e;

import static io.mooring.e2e.CirclesChatBrowserIT.message;
import static io.mooring.e2e.CirclesChatBrowserIT.type;
import static io.mooring.e2e.CirclesChatBrowserIT.until;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A few new messages that fit on the screen are read as soon as the conversation shows them: the
 * read reaches the server once the socket is open, without the reader scrolling or anyone writing.
 */
@ExtendWith(ServerPerClass.class)
class CirclesReadOnOpenBrowserIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
  }

  static long lastRead(long circle, Fixtures.Person p) {
    return server.fixtures().pool().preparedQuery("select last_read_seq from circle_members where circle_id = $1 and user_id = $2")
        .execute(Tuple.of(circle, p.id())).await().iterator().next().getLong(0);
  }

  /** Ana writes {@code texts} while Ben is away; the last one mentions Ben. */
  static void whileAway(Browser browser, long circle, Fixtures.Person ana, Fixtures.Person ben, String... texts) {
    Page a = browser.newContext().newPage();
    Browser.signIn(a, server.baseUrl(), ana.email(), Fixtures.PASSWORD);
    a.navigate(server.baseUrl() + "/circles/" + circle);
    CirclesChatBrowserIT.connected(a);
    for (String t : texts) {
      type(a, t);
      message(a, t).locator(".state").filter(new Locator.FilterOptions().setHasText("sent")).waitFor();
    }
    type(a, "over to you @" + ben.displayName());
    message(a, "over to you").locator(".state").filter(new Locator.FilterOptions().setHasText("sent")).waitFor();
    a.context().close();
  }

  static void assertNothingUnread(Page b, long circle, Fixtures.Person ben, int seq) {
    until(b, () -> lastRead(circle, ben) == seq, "the read reaches the server (last_read_seq " + lastRead(circle, ben) + ")");
    b.navigate(server.baseUrl() + "/circles");
    b.locator("[data-unread-for=\"" + circle + "\"]").waitFor(new Locator.WaitForOptions()
        .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
    b.waitForTimeout(1000);  // the header's count comes from a request of its own
    assertTrue(b.locator("[data-unread-for=\"" + circle + "\"]").isHidden(), "no unread count in the list");
    assertTrue(b.locator("[data-mentions-for=\"" + circle + "\"]").isHidden(), "no mention count in the list");
    assertTrue(b.locator("[data-nav-unread]").isHidden(), "no count in the header: " + b.locator("[data-nav-unread]").textContent());
  }

  @ParameterizedTest(name = "at {0} px wide")
  @ValueSource(ints = {1280, 375})
  void openingACircleWhoseNewMessagesFitOnScreenClearsItsUnreadCount(int width) {
    Fixtures.Person ana = server.fixtures().aPeer(org);
    Fixtures.Person ben = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, ana, ben);
    try (Browser browser = Browser.launch()) {
      whileAway(browser, circle, ana, ben, "one from Ana", "two from Ana");
      Page b = browser.newContext().newPage();
      b.setViewportSize(width, width > 400 ? 800 : 740);
      Browser.signIn(b, server.baseUrl(), ben.email(), Fixtures.PASSWORD);
      b.locator("[data-nav-unread]").filter(new Locator.FilterOptions().setHasText("3 unread, 1 @")).waitFor();
      b.navigate(server.baseUrl() + "/circles/" + circle);
      CirclesChatBrowserIT.connected(b);
      CirclesChatBrowserIT.waitInView(b, message(b, "over to you"));
      assertTrue(CirclesChatBrowserIT.inView(b, message(b, "one from Ana")), "every new message is on screen");
      assertNothingUnread(b, circle, ben, 3);
    }
  }

  @ParameterizedTest(name = "at {0} px wide")
  @ValueSource(ints = {1280, 375})
  void arrivingFromTheMentionNotificationClearsTheCounts(int width) {
    Fixtures.Person ana = server.fixtures().aPeer(org);
    Fixtures.Person ben = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, ana, ben);
    try (Browser browser = Browser.launch()) {
      whileAway(browser, circle, ana, ben, "first note");
      until(browser.newContext().newPage(), () -> server.fixtures().pool().preparedQuery(
          "select count(*) from notifications where recipient_id = $1 and kind = 'circle_mention'")
          .execute(Tuple.of(ben.id())).await().iterator().next().getLong(0) == 1, "the mention is a notification");
      Page b = browser.newContext().newPage();
      b.setViewportSize(width, width > 400 ? 800 : 740);
      Browser.signIn(b, server.baseUrl(), ben.email(), Fixtures.PASSWORD);
      b.navigate(server.baseUrl() + "/notifications");
      b.getByRole(AriaRole.LINK).filter(new Locator.FilterOptions().setHasText(ana.displayName() + " mentioned you in")).click();
      CirclesChatBrowserIT.connected(b);
      b.locator("li.message.target").waitFor();
      CirclesChatBrowserIT.waitInView(b, message(b, "over to you"));
      assertNothingUnread(b, circle, ben, 2);
    }
  }
}
