package io.mooring.platform.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mooring.platform.http.AppException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrenceTest {
  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  @Test
  void weeklyMeetingKeepsItsLocalTimeAcrossTheSpringDstChange() {
    // Clocks jump forward in Chicago on Sunday 8 March 2026; the Tuesday 10:00 meeting stays at 10:00.
    LocalDateTime first = LocalDateTime.of(2026, 2, 24, 10, 0);
    List<ZonedDateTime> got = Recurrence.between("FREQ=WEEKLY", first, CHICAGO,
        Instant.parse("2026-02-20T00:00:00Z"), Instant.parse("2026-03-20T00:00:00Z"), 10);
    assertEquals(List.of("2026-02-24", "2026-03-03", "2026-03-10", "2026-03-17"),
        got.stream().map(z -> z.toLocalDate().toString()).toList());
    got.forEach(z -> assertEquals(LocalTime.of(10, 0), z.toLocalTime()));
    assertEquals(Instant.parse("2026-03-03T16:00:00Z"), got.get(1).toInstant(), "CST is UTC-6");
    assertEquals(Instant.parse("2026-03-10T15:00:00Z"), got.get(2).toInstant(), "CDT is UTC-5");
  }

  @Test
  void presetsAndCustomRulesExpand() {
    assertEquals("FREQ=WEEKLY;INTERVAL=2", Recurrence.rrule("biweekly", null));
    LocalDateTime first = LocalDateTime.of(2026, 1, 5, 9, 30);
    assertEquals(14, Recurrence.cadenceDays(Recurrence.rrule("biweekly", null), first, CHICAGO));
    assertEquals(7, Recurrence.cadenceDays("FREQ=WEEKLY", first, CHICAGO));
    assertEquals(31, Recurrence.cadenceDays("FREQ=MONTHLY", first, CHICAGO));
    String custom = Recurrence.rrule("custom", "RRULE:FREQ=MONTHLY;BYDAY=1MO");
    List<ZonedDateTime> got = Recurrence.between(custom, first, CHICAGO, Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-04-01T00:00:00Z"), 10);
    assertEquals(List.of("2026-01-05", "2026-02-02", "2026-03-02"), got.stream().map(z -> z.toLocalDate().toString()).toList());
  }

  @Test
  void invalidOrTooFrequentCustomRulesAreRefused() {
    assertThrows(AppException.class, () -> Recurrence.rrule("custom", "FREQ=SOMETIMES"));
    assertThrows(AppException.class, () -> Recurrence.rrule("custom", "FREQ=HOURLY"));
    assertThrows(AppException.class, () -> Recurrence.rrule("custom", ""));
  }

  @Test
  void aCustomRuleMustOccurAtMostOnceADayAndAtAll() {
    LocalDateTime first = LocalDateTime.parse("2026-03-03T10:00");
    record Bad(String rule, String message) {}
    String sooner = "must repeat at most once a day (%s and %s are less than 24 hours apart)";
    for (Bad b : List.of(new Bad("FREQ=DAILY;BYHOUR=9,17", sooner.formatted("2026-03-03T17:00", "2026-03-04T09:00")),
        new Bad("FREQ=WEEKLY;BYDAY=MO,TU;BYHOUR=0,23;BYSETPOS=2,3", sooner.formatted("2026-03-09T23:00", "2026-03-10T00:00")),
        new Bad("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never occurs: no meeting falls within two years of the first one"),
        new Bad("FREQ=WEEKLY;UNTIL=20000101T000000Z", "never occurs: no meeting falls within two years of the first one"),
        new Bad("FREQ=WEEKLY;COUNT=0", "COUNT must be at least 1"),
        new Bad("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be at least 1"),
        new Bad("FREQ=WEEKLY;INTERVAL=-1", "INTERVAL must be at least 1"))) {
      AppException e = assertThrows(AppException.class, () -> Recurrence.rrule("custom", b.rule(), first), b.rule());
      assertEquals("rrule", e.fieldErrors().get(0).field(), b.rule());
      assertEquals(b.message(), e.fieldErrors().get(0).message(), b.rule());
    }
    assertEquals("FREQ=WEEKLY;COUNT=3;INTERVAL=2", Recurrence.rrule("custom", "FREQ=WEEKLY;INTERVAL=2;COUNT=3", first));
    assertEquals("FREQ=MONTHLY;BYMONTHDAY=1,-1", Recurrence.rrule("custom", "FREQ=MONTHLY;BYMONTHDAY=1,-1", first));
    assertEquals("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", Recurrence.rrule("custom", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", null),
        "without a valid first start only the text is checked (the first start's own error is reported)");
  }

  @Test
  void oldSeriesExpandTheSameWithTheFastAnchor() {
    LocalDateTime first = LocalDateTime.of(2021, 1, 5, 10, 0);
    Instant from = Instant.parse("2026-02-25T00:00:00Z");
    Instant to = Instant.parse("2026-05-01T00:00:00Z");
    for (String rule : new String[] {"FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY", "FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=DAILY;INTERVAL=3",
        "FREQ=MONTHLY;BYDAY=1MO", "FREQ=WEEKLY;COUNT=300"}) {
      var slow = new net.fortuna.ical4j.model.Recur<ZonedDateTime>(rule).getDates(first.atZone(CHICAGO), from.atZone(CHICAGO), to.atZone(CHICAGO), 100)
          .stream().filter(z -> !z.toInstant().isBefore(from)).toList();
      assertEquals(slow, Recurrence.between(rule, first, CHICAGO, from, to, 100), rule);
    }
  }
}
