package io.mooring.platform.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * The per-person iCalendar feed: titles and times only — never anything from a record or a conversation.
 * A recurring meeting is one VEVENT with its RRULE in the organization's zone (with that zone's VTIMEZONE);
 * a moved occurrence is a RECURRENCE-ID override and a cancelled one an EXDATE, so UIDs never change, and
 * DTSTAMP/LAST-MODIFIED are the time of the last change, so an unchanged feed renders to the same bytes.
 */
public final class CalendarFeed {
  private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

  private CalendarFeed() {}

  public static String render(List<CalendarSource.Entry> entries) {
    Calendar cal = new Calendar();
    cal.add(new ProdId("-//Mooring//Calendar//EN"));
    cal.add(ImmutableVersion.VERSION_2_0);
    cal.add(ImmutableCalScale.GREGORIAN);
    Map<String, ZoneId> zones = new TreeMap<>();
    entries.forEach(e -> zones.put(e.zone().getId(), e.zone()));
    zones.keySet().forEach(id -> cal.add(ZONES.getTimeZone(id).getVTimeZone()));
    entries.stream().sorted(java.util.Comparator.comparing(CalendarSource.Entry::uid)).forEach(e -> add(cal, e));
    return cal.toString();
  }

  private static void add(Calendar cal, CalendarSource.Entry e) {
    VEvent master = event(e, e.start().atZone(e.zone()), e.durationMinutes());
    if (e.rrule() != null) {
      master.add(new RRule<>(new Recur<ZonedDateTime>(e.rrule())));
      if (!e.cancelled().isEmpty()) {
        master.add(new ExDate<>(new ParameterList(List.of(new TzId(e.zone().getId()))),
            new DateList<>(e.cancelled().stream().sorted().map(t -> t.atZone(e.zone())).toList())));
      }
    }
    cal.add(master);
    if (e.rrule() != null) {
      e.moved().stream().sorted(java.util.Comparator.comparing(CalendarSource.Moved::occurrence)).forEach(m -> {
        VEvent override = event(e, m.start().atZone(e.zone()), m.durationMinutes());
        override.add(new RecurrenceId<>(m.occurrence().atZone(e.zone())));
        cal.add(override);
      });
    }
  }

  private static VEvent event(CalendarSource.Entry e, ZonedDateTime start, int minutes) {
    VEvent ev = new VEvent(start, Duration.ofMinutes(minutes), e.title());
    Instant changed = e.lastModified();
    ev.replace(new DtStamp(changed));
    ev.add(new LastModified(changed));
    ev.add(new Uid(e.uid()));
    return ev;
  }
}
