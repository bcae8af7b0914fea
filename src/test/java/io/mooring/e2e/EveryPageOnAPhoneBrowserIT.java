package io.mooring.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.mooring.demo.DemoData;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12: every page works on a phone. On the demo organization, each role follows every link it is
 * shown, from the start page on, at 375x740: no page may scroll sideways, answer an error, or have a
 * serious or critical axe finding. Pages of one shape (sessions, circles…) are visited a few times each,
 * in different states, rather than all of them.
 */
@ExtendWith(ServerPerClass.class)
class EveryPageOnAPhoneBrowserIT {
  static final int PER_SHAPE = 3;
  static final int MAX_PAGES = 45;
  static TestServer server;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    assertTrue(DemoData.loadIfEmpty(server.services()).await(), "a fresh database takes the demo organization");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "admin, /supervision/admin /supervision/pairings/# /admin /checkins/program",
      "okafor, /supervision /supervision/records /supervision/sessions/# /supervision/pairings/# /checkins /checkins/people/# /people/#",
      "rivera, /supervision /supervision/records /supervision/sessions/# /circles /circles/# /disclosure /checkins",
      "sam, /supervision /supervision/records /supervision/sessions/# /supervision/supervisees/#/hours /circles /circles/# /disclosure /checkins"})
  void everyPageFitsAPhone(String handle, String mustVisit) {
    try (Browser browser = Browser.launch()) {
      BrowserContext context = browser.newContext();
      Page page = context.newPage();
      page.setViewportSize(375, 740);
      Browser.signIn(page, server.baseUrl(), handle + DemoData.DOMAIN, DemoData.PASSWORD);
      Set<String> shapes = crawl(page);
      for (String expected : mustVisit.split(" ")) {
        assertTrue(shapes.contains(expected), handle + " never reached a page like " + expected + "; visited " + shapes);
      }
      context.close();
    }
  }

  @org.junit.jupiter.api.Test
  void theSignInPageFitsAPhone() {
    try (Browser browser = Browser.launch()) {
      Page page = browser.newContext().newPage();
      page.setViewportSize(375, 740);
      page.navigate(server.baseUrl() + "/login");
      Browser.assertNoSidewaysScroll(page);
      Browser.assertAccessible(page);
    }
  }

  /** Breadth first from "/", following same-site page links; returns the page shapes visited. */
  private Set<String> crawl(Page page) {
    Deque<String> queue = new ArrayDeque<>(List.of("/"));
    Set<String> seen = new LinkedHashSet<>(queue);
    Map<String, Integer> perShape = new HashMap<>();
    List<String> problems = new ArrayList<>();
    int visited = 0;
    while (!queue.isEmpty() && visited < MAX_PAGES) {
      String path = queue.poll();
      String shape = shape(path);
      if (perShape.merge(shape, 1, Integer::sum) > PER_SHAPE) {
        continue;
      }
      visited++;
      Response res = page.navigate(server.baseUrl() + path);
      if (res == null || res.status() >= 400) {
        problems.add(path + " answered " + (res == null ? "nothing" : res.status()));
        continue;
      }
      page.waitForTimeout(400); // pages that fill in by script (circle members, previews)
      try {
        Browser.assertNoSidewaysScroll(page);
        Browser.assertAccessible(page);
      } catch (AssertionError e) {
        problems.add(e.getMessage());
      }
      for (Object href : (List<?>) page.evaluate("() => Array.from(document.querySelectorAll('a[href]:not([download])'))"
          + ".map(a => a.getAttribute('href'))")) {
        String next = pageLink(String.valueOf(href));
        if (next != null && seen.add(next)) {
          queue.add(next);
        }
      }
    }
    if (!problems.isEmpty()) {
      fail(problems.size() + " page(s) do not work on a phone:\n" + String.join("\n", problems));
    }
    return perShape.keySet();
  }

  /** A page of this site, without query or fragment; null for anything else (API, downloads, feeds, assets). */
  static String pageLink(String href) {
    if (!href.startsWith("/") || href.startsWith("//")) {
      return null;
    }
    String path = href.replaceAll("[?#].*$", "");
    boolean notAPage = path.startsWith("/api/") || path.startsWith("/static/") || path.startsWith("/supervision/feed/")
        || path.equals("/logout") || path.endsWith(".csv") || path.startsWith("/health") || path.equals("/metrics");
    return notAPage || path.isEmpty() ? null : path;
  }

  static String shape(String path) {
    return path.replaceAll("/\\d+", "/#");
  }
}
