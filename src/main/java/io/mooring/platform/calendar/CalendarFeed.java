package io.mooring.platform.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
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
 *
 * <p>Organizations now accept only zones {@link #knows known} here, but one saved earlier may hold an offset ("+05:00",
 * "Z", "UTC+05:00") or a zone ical4j has no VTIMEZONE for ("SystemV/EST5"). A fixed offset of whole hours is written
 * as the equivalent "Etc/GMT-5" zone; anything else as UTC times (exact for a fixed offset; a series in a zone with
 * daylight saving then keeps its UTC time, an hour off for half the year, until an administrator sets the zone).
 */
public final class CalendarFeed {
  private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();
  /** The IANA spelling: letters, digits and "/_+-" (never a bare offset, never ical4j's own generated ids). */
  private static final java.util.regex.Pattern IANA = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9/_+-]*");

  private CalendarFeed() {}

  /**
   * Whether {@code zoneId} can be an organization's zone: an IANA region Java knows under exactly that name (so not
   * "+05:00", "Z" or "UTC+05:00", which ZoneId.of also takes) and ical4j has a VTIMEZONE for (not "SystemV/EST5").
   */
  public static boolean knows(String zoneId) {
    return zoneId != null && IANA.matcher(zoneId).matches() && ZoneId.getAvailableZoneIds().contains(zoneId) && vtimezone(zoneId) != null;
  }

  /** ical4j's zone, or null: its registry throws rather than answer null for some names it lacks. */
  private static net.fortuna.ical4j.model.TimeZone vtimezone(String zoneId) {
    try {
      return ZONES.getTimeZone(zoneId);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The zone to write an entry's times in: its own, an equivalent Etc/GMT zone, or null for UTC times. */
  static ZoneId written(ZoneId zone) {
    if (vtimezone(zone.getId()) != null && IANA.matcher(zone.getId()).matches()) {
      return zone;
    }
    java.time.zone.ZoneRules rules = zone.getRules();
    if (rules.isFixedOffset()) {
      int seconds = rules.getOffset(Instant.EPOCH).getTotalSeconds();
      int hours = seconds / 3600;
      // POSIX signs: Etc/GMT-5 is five hours ahead of UTC.
      String id = seconds == 0 ? "Etc/UTC" : "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
      if (seconds % 3600 == 0 && vtimezone(id) != null) {
        return ZoneId.of(id);
      }
    }
    return null;
  }

  public static String render(List<CalendarSource.Entry> entries) {
    Calendar cal = new Calendar();
    cal.add(new ProdId("-//Mooring//Calendar//EN"));
    cal.add(ImmutableVersion.VERSION_2_0);
    cal.add(ImmutableCalScale.GREGORIAN);
    Map<ZoneId, ZoneId> written = new java.util.HashMap<>();
    entries.forEach(e -> written.computeIfAbsent(e.zone(), z -> java.util.Optional.ofNullable(written(z)).orElse(ZoneOffset.UTC)));
    Map<String, ZoneId> zones = new TreeMap<>();
    written.values().stream().filter(z -> z != ZoneOffset.UTC).forEach(z -> zones.put(z.getId(), z));
    zones.keySet().forEach(id -> cal.add(ZONES.getTimeZone(id).getVTimeZone()));
    entries.stream().sorted(java.util.Comparator.comparing(CalendarSource.Entry::uid)).forEach(e -> add(cal, e, written.get(e.zone())));
    return cal.toString();
  }

  /** Times in {@code out}: zoned (with its VTIMEZONE) or, for {@link ZoneOffset#UTC}, as UTC instants. */
  private static void add(Calendar cal, CalendarSource.Entry e, ZoneId out) {
    java.util.function.Function<java.time.LocalDateTime, Temporal> at = t -> out == ZoneOffset.UTC
        ? t.atZone(e.zone()).toInstant() : t.atZone(e.zone()).withZoneSameInstant(out);
    VEvent master = event(e, at.apply(e.start()), e.durationMinutes());
    if (e.rrule() != null) {
      master.add(new RRule<>(new Recur<ZonedDateTime>(e.rrule())));
      if (!e.cancelled().isEmpty()) {
        List<Temporal> cancelled = e.cancelled().stream().sorted().map(at).toList();
        master.add(out == ZoneOffset.UTC ? new ExDate<>(new DateList<>(cancelled))
            : new ExDate<>(new ParameterList(List.of(new TzId(out.getId()))), new DateList<>(cancelled)));
      }
    }
    cal.add(master);
    if (e.rrule() != null) {
      e.moved().stream().sorted(java.util.Comparator.comparing(CalendarSource.Moved::occurrence)).forEach(m -> {
        VEvent override = event(e, at.apply(m.start()), m.durationMinutes());
        override.add(new RecurrenceId<>(at.apply(m.occurrence())));
        cal.add(override);
      });
    }
  }

  private static VEvent event(CalendarSource.Entry e, Temporal start, int minutes) {
    VEvent ev = new VEvent(start, Duration.ofMinutes(minutes), e.title());
    Instant changed = e.lastModified();
    ev.replace(new DtStamp(changed));
    ev.add(new LastModified(changed));
    ev.add(new Uid(e.uid()));
    return ev;
  }
}
