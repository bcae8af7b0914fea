package io.mooring.support;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.RecurrenceId;

/**
 * A calendar feed read as a calendar app reads it: parsed by ical4j, each series expanded (RRULE minus EXDATE),
 * each RECURRENCE-ID override put in place of the occurrence it names. Local wall times are turned into instants with
 * the TZID's rules from java.time, as Google and Apple calendars do for Olson zone names (ical4j's own VTIMEZONE rules
 * put the 2027 change to daylight saving a week early).
 */
public final class Ics {
  /** One meeting as it would show in a calendar app. */
  public record Meeting(String uid, String title, Instant start, Instant end) {}

  private Ics() {}

  public static Calendar parse(String ics) {
    try {
      return new CalendarBuilder().build(new StringReader(ics));
    } catch (Exception e) {
      throw new AssertionError("not a valid iCalendar feed: " + e.getMessage() + "\n" + ics, e);
    }
  }

  /** Every meeting starting in [from, to), in time order. */
  public static List<Meeting> expand(String ics, ZonedDateTime from, ZonedDateTime to) {
    Calendar cal = parse(ics);
    Map<String, Map<Instant, VEvent>> overrides = new HashMap<>();
    List<VEvent> masters = new ArrayList<>();
    for (VEvent e : cal.<VEvent>getComponents("VEVENT")) {
      var rid = e.<RecurrenceId<Temporal>>getProperty(Property.RECURRENCE_ID);
      if (rid.isPresent()) {
        overrides.computeIfAbsent(uid(e), k -> new HashMap<>()).put(instant(rid.get().getDate(), zone(e)), e);
      } else {
        masters.add(e);
      }
    }
    List<Meeting> out = new ArrayList<>();
    for (VEvent master : masters) {
      Map<Instant, VEvent> moved = overrides.getOrDefault(uid(master), Map.of());
      for (Period<Temporal> p : master.<Temporal>calculateRecurrenceSet(new Period<>(from, to))) {
        ZoneId zone = zone(master);
        if (!moved.containsKey(instant(p.getStart(), zone))) {
          out.add(new Meeting(uid(master), title(master), instant(p.getStart(), zone), instant(p.getEnd(), zone)));
        }
      }
      for (VEvent o : moved.values()) {
        Period<Temporal> p = o.<Temporal>calculateRecurrenceSet(new Period<>(from, to)).stream().findFirst().orElse(null);
        if (p != null) {
          out.add(new Meeting(uid(o), title(o), instant(p.getStart(), zone(o)), instant(p.getEnd(), zone(o))));
        }
      }
    }
    out.sort(Comparator.comparing(Meeting::start));
    return out;
  }

  private static String uid(VEvent e) {
    return e.getUid().map(u -> u.getValue()).orElseThrow(() -> new AssertionError("a VEVENT without UID"));
  }

  private static String title(VEvent e) {
    return e.getSummary() == null ? "" : e.getSummary().getValue();
  }

  /** The DTSTART's TZID, or UTC for a DTSTART written in UTC ("…T043000Z"); a floating time is an error. */
  private static ZoneId zone(VEvent e) {
    var start = e.getDateTimeStart();
    return start.<TzId>getParameter(Parameter.TZID).map(tz -> ZoneId.of(tz.getValue()))
        .or(() -> start.getValue().endsWith("Z") ? java.util.Optional.of(java.time.ZoneOffset.UTC) : java.util.Optional.empty())
        .orElseThrow(() -> new AssertionError("DTSTART without TZID: " + e));
  }

  private static Instant instant(Temporal t, ZoneId zone) {
    if (t instanceof ZonedDateTime z) {
      return z.toLocalDateTime().atZone(zone).toInstant();
    }
    if (t instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    if (t instanceof Instant i) {
      return i;
    }
    throw new AssertionError("a floating or all-day time in the feed: " + t);
  }
}
