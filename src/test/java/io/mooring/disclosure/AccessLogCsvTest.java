package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The access log export as a spreadsheet reads it back: a viewer's name is one cell and never a formula. */
class AccessLogCsvTest {
  private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-01T10:15:30Z");

  @Test
  void viewerNamesWithNewlinesAndFormulaStartsAreOneDefusedCell() throws IOException {
    List<CSVRecord> rows = parse(AccessLogCsv.of(List.of(
        new DisclosureService.View(1, 7, "=HYPERLINK(\"http://evil.test\")\nSam", "pronouns", AT, "profile_page"),
        new DisclosureService.View(2, 8, "Rosa \"Ro\" Diaz,\nPeer", "languages", AT, "api"),
        new DisclosureService.View(3, 9, "@Theo", "pronouns", AT, "circle_card"))));
    assertEquals(List.of("at", "viewer_id", "viewer_name", "item", "where", "item_label", "where_label"), rows.get(0).toList());
    assertEquals(List.of("2026-03-01T10:15:30Z", "7", "'=HYPERLINK(\"http://evil.test\")\nSam", "pronouns", "profile_page",
        "Pronouns", "your profile page"), rows.get(1).toList());
    assertEquals("Rosa \"Ro\" Diaz,\nPeer", rows.get(2).get(2));
    assertEquals("'@Theo", rows.get(3).get(2));
    assertEquals(4, rows.size());
  }

  private static List<CSVRecord> parse(String csv) throws IOException {
    return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
  }
}
