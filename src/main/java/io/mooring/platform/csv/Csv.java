package io.mooring.platform.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV writer for every export: RFC 4180 through Apache Commons CSV (CRLF line ends, a cell quoted
 * when it holds a comma, quote, CR or LF), and one formula-injection guard. A text cell that a
 * spreadsheet would run as a formula, one starting with {@code = + - @}, a tab or a carriage return, is
 * written with a leading single quote, whatever follows (a newline later in the cell included). Numbers
 * are written as they are; only text can come from a person.
 */
public final class Csv {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private Csv() {}

  /** The header line, then one line per row; every text cell passes the formula guard. */
  public static String write(List<String> header, List<? extends List<?>> rows) {
    StringBuilder out = new StringBuilder();
    try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      printer.printRecord(header.stream().map(Csv::defused).toList());
      for (List<?> row : rows) {
        printer.printRecord(row.stream().map(Csv::defused).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing CSV to memory", e);
    }
    return out.toString();
  }

  /** A text cell as written: prefixed with a single quote when a spreadsheet would read it as a formula. */
  static Object defused(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof Number) {
      return cell;
    }
    String text = cell.toString();
    return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
  }
}
