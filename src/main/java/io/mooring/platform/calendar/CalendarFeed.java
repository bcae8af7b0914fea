package io.mooring.platform.calendar;

import java.time.Duration;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/** The per-person iCalendar feed: titles and times only — never anything from a record or a conversation. */
public final class CalendarFeed {
  private CalendarFeed() {}

  public static String render(List<CalendarSource.Entry> entries) {
    Calendar cal = new Calendar();
    cal.add(new ProdId("-//Mooring//Calendar//EN"));
    cal.add(ImmutableVersion.VERSION_2_0);
    cal.add(ImmutableCalScale.GREGORIAN);
    for (CalendarSource.Entry e : entries) {
      VEvent ev = new VEvent(e.start(), Duration.ofMinutes(e.durationMinutes()), e.title());
      ev.add(new Uid(e.uid()));
      cal.add(ev);
    }
    return cal.toString();
  }
}
