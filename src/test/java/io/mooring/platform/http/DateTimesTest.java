package io.mooring.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Issue 11: "2026-12-03T16:00-06:00" (no seconds) is not an RFC 3339 date-time; the API always writes seconds. */
class DateTimesTest {
  @Test
  void secondsAreAlwaysWrittenAndFractionsOnlyWhenPresent() {
    assertEquals("2026-12-03T16:00:00-06:00", DateTimes.text(OffsetDateTime.parse("2026-12-03T16:00-06:00")));
    assertEquals("2026-11-24T15:00:00Z", DateTimes.text(OffsetDateTime.parse("2026-11-24T15:00Z")));
    assertEquals("2026-11-24T15:00:07.25Z", DateTimes.text(OffsetDateTime.parse("2026-11-24T15:00:07.250Z")));
    assertNull(DateTimes.text(null));
  }
}
