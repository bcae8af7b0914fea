package io.mooring.platform.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The one way pages show a moment: local wall time in the viewer's organization's zone, for people rather than machines. */
public final class Times {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

  private Times() {}

  public static String when(ZoneId zone, OffsetDateTime t) {
    return t == null ? "—" : t.atZoneSameInstant(zone).format(WHEN);
  }

  /** An ISO-8601 instant as stored in JSON ("2026-11-30T08:12:33.851059Z"); text that is not one is shown as it is. */
  public static String when(ZoneId zone, String iso) {
    if (iso == null || iso.isBlank()) {
      return "—";
    }
    try {
      return when(zone, OffsetDateTime.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** A month as stored ("2026-11") as people say it ("November 2026"). */
  public static String month(String yearMonth) {
    try {
      return java.time.YearMonth.parse(yearMonth).format(DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH));
    } catch (DateTimeParseException e) {
      return yearMonth;
    }
  }

  public static String day(LocalDate d) {
    return d == null ? "—" : d.format(DAY);
  }

  /** A date as stored in JSON ("2026-12-01"). */
  public static String day(String iso) {
    if (iso == null || iso.isBlank()) {
      return "—";
    }
    try {
      return day(LocalDate.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }
}
