package io.mooring.platform.http;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Date-times as the API writes them: RFC 3339 with seconds always present, as the OpenAPI
 * document's {@code format: date-time} requires. {@code OffsetDateTime.toString()} drops ":00"
 * seconds ("2026-12-03T16:00-06:00"), which strict clients reject, so responses use this instead.
 */
public final class DateTimes {
  private DateTimes() {}

  /** "2026-12-03T16:00:00-06:00", "2026-11-24T15:00:00Z", with fractions only when present; null stays null. */
  public static String text(OffsetDateTime t) {
    return t == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
  }
}
