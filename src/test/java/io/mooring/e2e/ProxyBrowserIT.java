package io.mooring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.mooring.support.Fixtures;
import io.mooring.support.NginxProxy;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator's deployment as shipped: Debian's nginx with {@code ops/nginx.conf} in front of two nodes.
 * Two people sign in and chat through the proxy with cookie sockets, and keep chatting after one node stops.
 */
@ExtendWith(VertxExtension.class)
class ProxyBrowserIT {

  @Test
  void twoPeopleChatThroughTheShippedProxyAndKeepChattingWhenANodeStops(Vertx vertx) throws Exception {
    TestServer nodeA = TestServer.start(vertx);
    TestServer nodeB = TestServer.start(vertx, nodeA.db(), Map.of());
    boolean aStopped = false;
    try (NginxProxy proxy = NginxProxy.start(nodeA.port(), nodeB.port()); Browser browser = Browser.launch()) {
      long org = nodeB.fixtures().anOrganization();
      Fixtures.Person ana = nodeB.fixtures().aPeer(org);
      Fixtures.Person ben = nodeB.fixtures().aPeer(org);
      long circle = nodeB.fixtures().aCircle(org, ana, ben);
      Page a = open(browser.newContext(), proxy, ana, circle);
      Page b = open(browser.newContext(), proxy, ben, circle);
      send(a, "hello through the proxy");
      received(b, "hello through the proxy");

      nodeA.close();
      aStopped = true;
      // Whoever was on node A reconnects through nginx to node B; nothing is sent until both say so.
      connected(a);
      connected(b);
      send(b, "still here after a node stopped");
      received(a, "still here after a node stopped");
      send(a, "and back again");
      received(b, "and back again");
      assertEquals(1, b.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText("hello through the proxy")).count(),
          "a reconnect through the proxy shows each message once");
    } finally {
      if (!aStopped) {
        nodeA.close();
      }
      nodeB.close();
    }
  }

  private static Page open(BrowserContext context, NginxProxy proxy, Fixtures.Person p, long circle) {
    Page page = context.newPage();
    Browser.signIn(page, proxy.baseUrl(), p.email(), Fixtures.PASSWORD);
    page.navigate(proxy.baseUrl() + "/circles/" + circle);
    connected(page);
    return page;
  }

  private static void connected(Page page) {
    page.locator("[data-status]").filter(new Locator.FilterOptions().setHasText(java.util.regex.Pattern.compile("^\\s*connected\\s*$"))).waitFor(
        new Locator.WaitForOptions().setTimeout(30_000));
  }

  private static void send(Page page, String text) {
    page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true)).fill(text);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send")).click();
  }

  private static void received(Page page, String text) {
    page.locator("[data-messages] .body").filter(new Locator.FilterOptions().setHasText(text)).waitFor(
        new Locator.WaitForOptions().setTimeout(30_000));
  }
}
