package io.mooring.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Debian Chromium driven by Playwright, for browser tests under e2e/. Playwright never
 * downloads a browser here (surefire sets PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD): where /usr/bin/chromium
 * is missing, {@link #launch()} aborts the test, so it is reported as skipped with the reason.
 */
public final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final String NOT_INSTALLED = "Chromium not installed: apt-get install chromium";
  private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
  // Keep Chromium from phoning home or doing background work that slows or flakes tests.
  private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync");

  private final Playwright playwright;
  private final com.microsoft.playwright.Browser browser;

  private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  /** Launches headless Chromium, or skips the calling test when it is not installed. */
  public static Browser launch() {
    boolean exists = Files.isExecutable(CHROMIUM);
    if (!exists) {
      // Surefire keeps an assumption's reason in its XML report; say it on the console too.
      System.err.println("[SKIPPED] browser test: " + NOT_INSTALLED);
    }
    Assumptions.assumeTrue(exists, NOT_INSTALLED);
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(ARGS)));
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /** A fresh context: its own cookies and storage, like a separate browser profile. */
  public BrowserContext newContext() {
    BrowserContext context = browser.newContext();
    context.setDefaultTimeout(15_000);
    return context;
  }

  /** Signs in through the real sign-in form and waits until the start page has loaded. */
  public static void signIn(Page page, String baseUrl, String email, String password) {
    page.navigate(baseUrl + "/login");
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill(password);
    page.waitForNavigation(() -> page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Sign in")).click());
    if (page.url().contains("/login")) {
      fail("sign-in as " + email + " failed; page says: " + page.locator("main").innerText());
    }
  }

  /** Runs axe-core on the page as it is now; fails listing every serious or critical violation. */
  public static void assertAccessible(Page page) {
    AxeResults results = new AxeBuilder(page).analyze();
    List<Rule> bad = results.getViolations().stream()
        .filter(r -> r.getImpact() != null && FAILING_IMPACTS.contains(r.getImpact()))
        .toList();
    if (!bad.isEmpty()) {
      fail("accessibility violations on " + page.url() + ":\n" + bad.stream().map(Browser::describe).collect(Collectors.joining("\n")));
    }
  }

  /** Fails when the page itself scrolls sideways (wider than the viewport); a table scrolling inside its own box is fine. */
  public static void assertNoSidewaysScroll(Page page) {
    Object wide = page.evaluate("() => { const w = document.documentElement.clientWidth; const out = [];"
        + " if (document.documentElement.scrollWidth <= w) return null;"
        + " document.querySelectorAll('main *, header *').forEach(e => { const r = e.getBoundingClientRect();"
        + "   if (r.right > w + 1 && out.length < 5) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
        + "     + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(r.right)); });"
        + " return 'page is ' + document.documentElement.scrollWidth + ' px wide in ' + w + ' px: ' + out.join(', '); }");
    if (wide != null) {
      fail("horizontal overflow on " + page.url() + ": " + wide);
    }
  }

  private static String describe(Rule r) {
    String nodes = r.getNodes().stream().limit(5).map(Browser::describe).collect(Collectors.joining("\n"));
    return "- [" + r.getImpact() + "] " + r.getId() + ": " + r.getHelp() + " (" + r.getHelpUrl() + ")\n" + nodes;
  }

  private static String describe(CheckedNode n) {
    return "    at " + n.getTarget() + ": " + n.getHtml() + (n.getFailureSummary() == null ? "" : "\n      " + n.getFailureSummary().replace("\n", "\n      "));
  }

  @Override
  public void close() {
    try {
      browser.close();
    } finally {
      playwright.close();
    }
  }
}
