package io.mooring.platform.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a spreadsheet reads back from an export: the same cells, and never a formula. */
class CsvTest {

  @ParameterizedTest
  @ValueSource(strings = {"=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
      "=cmd|'/c calc'!A1\nsecond line", "=1+1\r\nx", "-\n"})
  void aCellThatWouldRunAsAFormulaIsPrefixedWithAQuote(String name) throws IOException {
    List<CSVRecord> back = parse(Csv.write(List.of("name", "n"), List.of(List.of(name, 1))));
    assertEquals("'" + name, back.get(1).get(0));
    assertEquals("1", back.get(1).get(1));
  }

  @Test
  void namesWithNewlinesCommasAndQuotesSurviveAsOneCell() throws IOException {
    String name = "Ana \"Ani\" Ruiz,\nPeer Lead\r\nLine three";
    List<CSVRecord> back = parse(Csv.write(List.of("name", "where"), List.of(List.of(name, "profile_page"))));
    assertEquals(2, back.size());
    assertEquals(List.of(name, "profile_page"), back.get(1).toList());
  }

  @Test
  void aFormulaCharacterLaterInTheCellIsLeftAlone() throws IOException {
    List<CSVRecord> back = parse(Csv.write(List.of("name"), List.of(List.of("Jo\n=1+1"), List.of("Mary-Kate"))));
    assertEquals("Jo\n=1+1", back.get(1).get(0));
    assertEquals("Mary-Kate", back.get(2).get(0));
  }

  @Test
  void numbersAndNullsAreWrittenPlainly() {
    assertEquals("a,b,c\r\n-5,,x\r\n", Csv.write(List.of("a", "b", "c"), List.of(Arrays.asList(-5, null, "x"))));
  }

  private static List<CSVRecord> parse(String csv) throws IOException {
    return CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
  }
}
