package io.mooring.supervision;

import java.time.Duration;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/** The per-person iCalendar feed: titles and times only — never anything from a record. */
final class CalendarFeed {
  record Entry(String uid, Upcoming.Occurrence occurrence, String title) {}

  private CalendarFeed() {}

  static String render(List<Entry> entries) {
    Calendar cal = new Calendar();
    cal.add(new ProdId("-//Mooring//Supervision//EN"));
    cal.add(ImmutableVersion.VERSION_2_0);
    cal.add(ImmutableCalScale.GREGORIAN);
    for (Entry e : entries) {
      VEvent ev = new VEvent(e.occurrence().startsAt().toInstant(), Duration.ofMinutes(e.occurrence().durationMinutes()), e.title());
      ev.add(new Uid(e.uid()));
      cal.add(ev);
    }
    return cal.toString();
  }
}
