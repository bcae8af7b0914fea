package io.mooring.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.people.Person;
import java.io.IOException;
import java.io.StringReader;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The hours export as a spreadsheet reads it back: names stay one cell, and no name runs as a formula. */
class HoursCsvTest {
  private static final Person PEER = new Person(1, 1, "p@example.test", "Pat", Set.of(), true);

  @Test
  void aSupervisorNameWithANewlineCannotSmuggleAFormula() throws IOException {
    // Issue 16: the old check (s.matches("^[=+\\-@].*")) stopped at the newline, so this went out as a formula.
    List<CSVRecord> rows = parse(csv("=HYPERLINK(\"http://evil.test\",\"open\")\nLCSW", "-LCSW"));
    assertEquals("'=HYPERLINK(\"http://evil.test\",\"open\")\nLCSW", rows.get(0).get("supervisor"));
    assertEquals("'-LCSW", rows.get(0).get("credential"));
  }

  @Test
  void tabAndCarriageReturnStartsAreDefusedToo() throws IOException {
    assertEquals("'\t=1+1", parse(csv("\t=1+1", "")).get(0).get("supervisor"));
    assertEquals("'\r=1+1", parse(csv("\r=1+1", "")).get(0).get("supervisor"));
  }

  @Test
  void anOrdinaryLineIsUnquoted() {
    String out = csv("Dr. Okafor", "LCSW");
    assertEquals("date,duration_minutes,session_type,supervision_type,supervisor,credential\r\n"
        + "2026-01-15,90,individual,clinical,Dr. Okafor,LCSW\r\n", out);
  }

  @Test
  void aYearZeroSessionStoredBeforeDatesWereCheckedKeepsItsWholeMonth() {
    // 0000-01-01T00:00:00Z is 31 December of year -1 in Chicago; the month was cut to "-0001-1".
    var hours = new HoursService.Hours(PEER, ZoneId.of("America/Chicago"), List.of(
        new HoursService.Line("-0001-12-31", 60, "individual", "peer", "Dana", ""),
        new HoursService.Line("2026-01-15", 90, "individual", "peer", "Dana", "")));
    assertEquals(List.of("-0001-12", "2026-01"), List.copyOf(hours.byMonthAndType().keySet()));
  }

  private static String csv(String supervisor, String credential) {
    return new HoursService.Hours(PEER, ZoneId.of("UTC"),
        List.of(new HoursService.Line("2026-01-15", 90, "individual", "clinical", supervisor, credential))).toCsv();
  }

  private static List<CSVRecord> parse(String csv) throws IOException {
    return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(false).get().parse(new StringReader(csv)).getRecords();
  }
}
