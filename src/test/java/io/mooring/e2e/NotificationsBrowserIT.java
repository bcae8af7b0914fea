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
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A peer sees the unread count, opens "record ready to acknowledge", lands on the record and acknowledges it. */
@ExtendWith(ServerPerClass.class)
class NotificationsBrowserIT {
  static final String SUP = "/api/v1/supervision";
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization("America/Chicago");
  }

  @ParameterizedTest(name = "at {0} px wide")
  @ValueSource(ints = {1280, 375})
  void peerAcknowledgesFromTheNotification(int width) {
    Fixtures.Person sup = server.fixtures().aSupervisor(org);
    Fixtures.Person peer = server.fixtures().aPeer(org);
    long session = signedRecord(sup, server.fixtures().aPairing(sup, peer, "peer"));
    try (Browser browser = Browser.launch()) {
      BrowserContext context = browser.newContext();
      Page page = context.newPage();
      page.setViewportSize(width, width > 400 ? 800 : 740);
      Browser.signIn(page, server.baseUrl(), peer.email(), Fixtures.PASSWORD);
      var nav = page.locator("a.notifications-link");
      assertTrue(nav.innerText().contains("1"), "the unread count shows in the navigation: " + nav.innerText());
      page.waitForNavigation(nav::click);
      assertTrue(page.url().endsWith("/notifications"), page.url());
      assertNoSidewaysScroll(page);
      Browser.assertAccessible(page);
      page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target", "notifications-" + width + ".png")).setFullPage(true));

      page.waitForNavigation(() -> page.getByRole(AriaRole.LINK,
          new Page.GetByRoleOptions().setName("please read and acknowledge it").setExact(false)).click());
      assertTrue(page.url().endsWith("/supervision/sessions/" + session), page.url());
      assertFalse(page.locator("a.notifications-link .unread-count").isVisible(), "opening it marked it read");
      page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON,
          new Page.GetByRoleOptions().setName("I have read this record and acknowledge it")).click());
      assertTrue(page.locator("main").innerText().contains("acknowledged by " + peer.displayName()), page.locator("main").innerText());

      page.navigate(server.baseUrl() + "/notifications/settings");
      assertNoSidewaysScroll(page);
      Browser.assertAccessible(page);
      page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("A supervision record is ready for you to acknowledge"))
          .getByLabel("Off").check();
      page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click());
      assertTrue(page.locator("main").innerText().contains("Saved."));
      context.close();
    }
    JsonArray prefs = server.as(peer).get("/api/v1/notifications/preferences").bodyAsJsonObject().getJsonArray("preferences");
    assertTrue(prefs.stream().map(JsonObject.class::cast)
        .anyMatch(p -> p.getString("kind").equals("record_ready") && p.getString("channel").equals("off")), prefs.encode());
  }

  private static void assertNoSidewaysScroll(Page page) {
    Object wider = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertEquals(0, ((Number) wider).intValue(), "the page scrolls sideways at " + page.viewportSize().width + " px: " + page.url());
  }

  /** Holds a session yesterday and signs its record over the API; returns the session id. */
  private static long signedRecord(Fixtures.Person sup, long pairing) {
    String at = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.HOURS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    var api = server.as(sup);
    long session = api.post(SUP + "/pairings/" + pairing + "/sessions",
        new JsonObject().put("startsAt", at).put("durationMinutes", 60).put("modality", "video")).bodyAsJsonObject().getLong("id");
    var started = api.post(SUP + "/sessions/" + session + "/record", new JsonObject());
    JsonObject content = new JsonObject()
        .put("session", new JsonObject().put("type", "individual").put("modality", "video").put("startsAt", at).put("durationMinutes", 60))
        .put("strengths", new JsonArray().add(new JsonObject().put("text", "Shares lived experience with purpose")
            .put("example", "Told her own housing story at the intake so the guest felt less alone")))
        .put("wins", new JsonArray().add("Led the Tuesday group")).put("growthGoals", new JsonArray()
            .add(new JsonObject().put("text", "Speak up in team huddles").put("domain", "Advocacy")));
    var saved = api.request(HttpMethod.PUT, SUP + "/sessions/" + session + "/record").putHeader("If-Match", started.getHeader("ETag"))
        .sendJsonObject(content).await();
    var signed = api.request(HttpMethod.POST, SUP + "/sessions/" + session + "/record/finalize")
        .putHeader("If-Match", saved.getHeader("ETag")).sendJsonObject(new JsonObject()).await();
    assertEquals(200, signed.statusCode(), signed.bodyAsString());
    return session;
  }
}
