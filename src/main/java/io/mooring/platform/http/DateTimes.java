package io.mooring.platform.http;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Date-times as the API writes them: RFC 3339 with seconds always present, as the OpenAPI
 * document's {@code format: date-time} requires. {@code OffsetDateTime.toString()} drops ":00"
 * seconds ("2026-12-03T16:00-06:00"), which strict clients reject, so responses use this instead.
 */
public final class DateTimes {
  /**
   * The years a date or date-time coming in may have, wherever it comes in (API bodies and query parameters, page
   * forms, schedules, expiries, due dates): one fixed range, checked by {@link #plausible} and reported with
   * {@link #OUT_OF_RANGE}. Why these bounds:
   * <ul>
   *   <li>Java and PostgreSQL take years far outside RFC 3339's four digits, and then write them back in forms the
   *       contract, spreadsheets and calendar apps reject: year 0 in Chicago is "-0001-12-31", and
   *       9999-12-31T23:59:59-18:00 is "+10000-01-01T17:59:59Z" in UTC (an ICS DTSTART of "+100000101T…"). With the
   *       bounds below even the widest offset (±18:00) keeps every instant inside four-digit years.</li>
   *   <li>Before 1583 the calendars disagree: Java and PostgreSQL count proleptic Gregorian days, ical4j's
   *       {@code java.util.Date} Julian ones, and PostgreSQL has no year 0.</li>
   *   <li>1900 is earlier than any supervision session, record or check-in anyone will backdate; 2199 is later than
   *       any due date, expiry or first meeting anyone means. Both are years, not "N years from now", so a value is
   *       answered the same way tomorrow as today; whether a field must lie in the future (an expiry) or has started
   *       (a held session) stays with that field's own rule.</li>
   * </ul>
   */
  public static final int FIRST_YEAR = 1900;
  public static final int LAST_YEAR = 2199;
  public static final String OUT_OF_RANGE = "must be in the years " + FIRST_YEAR + " to " + LAST_YEAR;

  private DateTimes() {}

  /** Whether a date or date-time lies in {@link #FIRST_YEAR}..{@link #LAST_YEAR}, by the year it was written in. */
  public static boolean plausible(TemporalAccessor t) {
    int year = t.get(ChronoField.YEAR);
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }

  /** "2026-12-03T16:00:00-06:00", "2026-11-24T15:00:00Z", with fractions only when present; null stays null. */
  public static String text(OffsetDateTime t) {
    return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
  }
}
