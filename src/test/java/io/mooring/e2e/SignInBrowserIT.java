package io.mooring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.opentest4j.AssertionFailedError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A person signs in with a real browser, sees their name, signs out; the foundation pages pass axe. */
@ExtendWith(VertxExtension.class)
class SignInBrowserIT {
  static TestServer server;
  static Fixtures.Person admin;
  static Fixtures.Person peer;
  static Browser browser;
  BrowserContext context;
  Page page;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    long org = server.fixtures().anOrganization();
    admin = server.fixtures().anAdmin(org);
    peer = server.fixtures().aPeer(org);
    server.fixtures().aTeam(org, admin, peer);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    server.close();
  }

  // One browser per class (starting Chromium is the slow part); a fresh context, like a new profile, per test.
  @BeforeEach
  void open() {
    if (browser == null) {
      browser = Browser.launch();
    }
    context = browser.newContext();
    page = context.newPage();
  }

  @AfterEach
  void close() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void signInSeeYourNameSignOut() {
    Browser.signIn(page, server.baseUrl(), peer.email(), Fixtures.PASSWORD);
    assertEquals(server.baseUrl() + "/", page.url());
    assertTrue(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)).innerText().contains(peer.displayName()));
    assertTrue(page.locator("header .who").innerText().contains(peer.displayName()));

    page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click());
    assertTrue(page.url().startsWith(server.baseUrl() + "/login"), page.url());
    page.navigate(server.baseUrl() + "/");
    assertTrue(page.url().startsWith(server.baseUrl() + "/login"), "signed out, the start page sends you to sign in: " + page.url());
  }

  @Test
  void wrongPasswordSaysSoAndStaysOnTheForm() {
    page.navigate(server.baseUrl() + "/login");
    page.getByLabel("Email").fill(peer.email());
    page.getByLabel("Password").fill("not-the-password");
    page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click());
    assertTrue(page.getByRole(AriaRole.ALERT).innerText().length() > 0);
    Browser.assertAccessible(page);
  }

  @Test
  void loginPageIsAccessible() {
    page.navigate(server.baseUrl() + "/login");
    Browser.assertAccessible(page);
  }

  @Test
  void homeAndAdminPagesAreAccessible() {
    Browser.signIn(page, server.baseUrl(), admin.email(), Fixtures.PASSWORD);
    Browser.assertAccessible(page);
    page.navigate(server.baseUrl() + "/admin");
    assertEquals("Administration", page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)).innerText());
    Browser.assertAccessible(page);
  }

  @Test
  void errorPageIsAccessible() {
    Browser.signIn(page, server.baseUrl(), peer.email(), Fixtures.PASSWORD);
    var response = page.navigate(server.baseUrl() + "/no-such-page");
    assertEquals(404, response.status());
    Browser.assertAccessible(page);
    response = page.navigate(server.baseUrl() + "/admin");
    assertEquals(403, response.status());
    Browser.assertAccessible(page);
  }

  @Test
  void theAxeCheckCatchesRealViolations() {
    page.setContent("<!doctype html><html lang=\"en\"><head><title>t</title></head><body><main>"
        + "<img src=\"x.png\"><form><input name=\"q\"><button></button></form></main></body></html>");
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Browser.assertAccessible(page));
    assertTrue(e.getMessage().contains("image-alt"), e.getMessage());
    assertTrue(e.getMessage().contains("button-name"), e.getMessage());
  }
}
