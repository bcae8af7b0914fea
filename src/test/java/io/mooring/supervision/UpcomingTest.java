package io.mooring.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mooring.supervision.Supervision.Schedule;
import io.mooring.supervision.Supervision.Session;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpcomingTest {
  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  @Test
  void aStoredSessionReplacesItsOccurrenceWithoutTouchingTheSeries() {
    LocalDateTime first = LocalDateTime.of(2026, 3, 3, 10, 0);
    Schedule weekly = new Schedule(7, 1, "FREQ=WEEKLY", first, 60, "video", 7);
    Session cancelled = new Session(100, 1, 1, 7L, LocalDateTime.of(2026, 3, 10, 10, 0),
        OffsetDateTime.parse("2026-03-10T10:00:00-05:00"), 60, "video", "individual", "cancelled");
    Session moved = new Session(101, 1, 1, 7L, LocalDateTime.of(2026, 3, 17, 10, 0),
        OffsetDateTime.parse("2026-03-19T14:00:00-05:00"), 60, "video", "individual", "scheduled");
    Instant from = Instant.parse("2026-03-09T00:00:00Z");
    var got = Upcoming.merge(1, weekly, List.of(cancelled, moved), CHICAGO, from, Instant.parse("2026-03-26T00:00:00Z"), 10);
    assertEquals(List.of("cancelled@2026-03-10T10:00-05:00", "scheduled@2026-03-19T14:00-05:00", "scheduled@2026-03-24T10:00-05:00"),
        got.stream().map(o -> o.status() + "@" + o.startsAt()).toList());
    assertEquals(101L, Upcoming.next(1, weekly, List.of(cancelled, moved), CHICAGO, from).sessionId());
    assertNull(Upcoming.next(1, null, List.of(), CHICAGO, from));
  }
}
