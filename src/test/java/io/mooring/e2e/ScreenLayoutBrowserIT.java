package io.mooring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.mooring.demo.DemoData;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an outside probe saw on the demo organization, measured in the browser: checkboxes beside their
 * labels, table rows whose borders line up, a caption that reads as a sentence on a phone, and the
 * disclosure page describing saved audiences as saved.
 */
@ExtendWith(ServerPerClass.class)
class ScreenLayoutBrowserIT {
  static TestServer server;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    assertTrue(DemoData.loadIfEmpty(server.services()).await(), "a fresh database takes the demo organization");
  }

  /** Every visible checkbox or radio with a label: box-sized, and on the first line of its label's text. */
  static final String DETACHED_CHECKS = """
      () => { const out = [];
        document.querySelectorAll('input[type=checkbox], input[type=radio]').forEach(i => {
          const r = i.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) return;
          const label = i.closest('label') || (i.id && document.querySelector('label[for="' + i.id + '"]'));
          if (!label) return;
          const walk = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
          let text = null, node;
          while (!text && (node = walk.nextNode())) {
            if (!node.textContent.trim()) continue;
            const range = document.createRange(); range.selectNodeContents(node);
            const rects = Array.from(range.getClientRects()).filter(x => x.width > 0);
            if (rects.length) text = rects[0];
          }
          if (!text) return;
          const mid = (r.top + r.bottom) / 2;
          if (r.width > 40 || mid < text.top || mid > text.bottom || r.left > text.left + 1)
            out.push(i.name + '=' + i.value + ' box ' + Math.round(r.left) + ',' + Math.round(r.top) + ' ' + Math.round(r.width) + 'x'
              + Math.round(r.height) + ' vs text "' + label.innerText.trim().slice(0, 30) + '" at ' + Math.round(text.left) + ',' + Math.round(text.top));
        });
        return out; }""";

  @ParameterizedTest(name = "{0} px")
  @ValueSource(ints = {375, 1280})
  void everyCheckboxSitsOnTheLineOfItsLabel(int width) {
    as("admin", width, page -> {
      for (String path : List.of("/admin", "/supervision/admin", "/notifications")) {
        page.navigate(server.baseUrl() + path);
        if (path.equals("/admin")) {
          assertTrue(page.locator("#add-person ~ form input[name=roles]").count() > 0, "the Add a person form has role checkboxes");
        }
        assertEquals(List.of(), page.evaluate(DETACHED_CHECKS), path + " at " + width + " px");
      }
    });
    as("sam", width, page -> {
      for (String path : List.of("/disclosure", "/checkins", "/notifications")) {
        page.navigate(server.baseUrl() + path);
        assertEquals(List.of(), page.evaluate(DETACHED_CHECKS), path + " at " + width + " px");
      }
    });
  }

  @Test
  void theSupervisorDashboardRowsLineUp() {
    as("okafor", 1280, page -> {
      page.navigate(server.baseUrl() + "/supervision");
      Object ragged = page.evaluate("""
          () => { const out = [];
            document.querySelectorAll('main table tbody tr').forEach((tr, n) => {
              const cells = Array.from(tr.children).map(td => td.getBoundingClientRect());
              const tops = cells.map(c => Math.round(c.top)), bottoms = cells.map(c => Math.round(c.bottom));
              if (Math.max(...tops) - Math.min(...tops) > 1 || Math.max(...bottoms) - Math.min(...bottoms) > 1)
                out.push('row ' + n + ' tops ' + tops + ' bottoms ' + bottoms);
            });
            return out; }""");
      assertTrue(page.locator("main td.actions").count() > 0, "the dashboard has an Actions column");
      assertEquals(List.of(), ragged, "every cell of a row spans the row, so its border is the row's border");
    });
  }

  @Test
  void theDriftTableCaptionReadsAsASentenceOnAPhone() {
    long sam = server.pool().preparedQuery("select id from users where email = $1").execute(Tuple.of("sam" + DemoData.DOMAIN))
        .await().iterator().next().getLong(0);
    as("sam", 375, page -> {
      page.navigate(server.baseUrl() + "/checkins/people/" + sam);
      var caption = page.locator("caption", new Page.LocatorOptions().setHasText("Drift score per check-in"));
      assertEquals(1, caption.count());
      var box = caption.boundingBox();
      var main = page.locator("main").boundingBox();
      assertTrue(box.width > main.width * 0.6, "caption " + box.width + " px wide in a " + main.width + " px page");
      assertTrue(box.height < 60, "caption " + box.height + " px tall: a word per line");
    });
  }

  @Test
  void savedAudiencesAreDescribedAsSavedUntilSomethingChanges() {
    as("sam", 375, page -> {
      page.navigate(server.baseUrl() + "/disclosure");
      var status = page.locator("#item-accommodations .audience-status");
      String saved = status.innerText();
      assertFalse(saved.contains("once you save"), saved);
      assertTrue(saved.contains("1 audience") && saved.toLowerCase().contains("saved"), saved);
      page.locator("#item-accommodations").getByLabel("My team").check();
      assertEquals("Shared with 2 audiences once you save.", status.innerText());
      page.locator("#item-accommodations").getByLabel("My team").uncheck();
      assertEquals(saved, status.innerText(), "back to what is saved");
      page.locator("#item-accommodations").getByLabel("All my current supervisors").uncheck();
      assertTrue(status.innerText().startsWith("Only me once you save"), status.innerText());
    });
  }

  private static void as(String handle, int width, Consumer<Page> steps) {
    try (Browser browser = Browser.launch()) {
      BrowserContext context = browser.newContext();
      Page page = context.newPage();
      page.setViewportSize(width, 800);
      Browser.signIn(page, server.baseUrl(), handle + DemoData.DOMAIN, DemoData.PASSWORD);
      steps.accept(page);
      context.close();
    }
  }
}
