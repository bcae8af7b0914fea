package io.mooring.platform.calendar;

import io.mooring.platform.http.AppException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * Recurring meetings (supervision sessions, circle meetings), expanded by ical4j in the organization's zone. The series is anchored on a
 * local date-time, so a weekly 10:00 meeting stays at 10:00 across daylight-saving changes.
 */
public final class Recurrence {
  public static final Set<String> CADENCES = Set.of("weekly", "biweekly", "monthly", "custom");
  private static final Set<String> NAMED = Set.of("weekly", "biweekly", "monthly");
  private static final Set<Frequency> TOO_FREQUENT = Set.of(Frequency.SECONDLY, Frequency.MINUTELY, Frequency.HOURLY);
  /** How many occurrences of a custom rule, and how many days after its first start, are expanded to check it. */
  static final int CHECKED = 16;
  static final int CHECK_DAYS = 800;

  private Recurrence() {}

  /**
   * The RRULE for a named cadence, and for a custom rule {@link #rrule(String, String)}'s checks plus what only its
   * occurrences show: that it occurs at all on or after {@code firstStart}, and at most once a day. {@code firstStart}
   * may be null when it was itself invalid (the caller reports that); then only the rule's text is checked.
   */
  public static String rrule(String cadence, String custom, LocalDateTime firstStart) {
    String rule = rrule(cadence, custom);
    if (firstStart != null && !NAMED.contains(cadence)) {
      requireOccurs(new Recur<LocalDateTime>(rule), firstStart);
    }
    return rule;
  }

  /** The RRULE for a named cadence; a custom rule is parsed by ical4j and refused when invalid or sub-daily. */
  public static String rrule(String cadence, String custom) {
    switch (cadence) {
      case "weekly":
        return "FREQ=WEEKLY";
      case "biweekly":
        return "FREQ=WEEKLY;INTERVAL=2";
      case "monthly":
        return "FREQ=MONTHLY";
      default:
        return validCustom(custom);
    }
  }

  static String validCustom(String custom) {
    if (custom == null || custom.isBlank()) {
      throw AppException.invalid("rrule", "is required for a custom cadence");
    }
    String rule = custom.strip();
    if (rule.regionMatches(true, 0, "RRULE:", 0, 6)) {
      rule = rule.substring(6);
    }
    Recur<ZonedDateTime> recur;
    try {
      recur = new Recur<>(rule);
    } catch (RuntimeException e) {
      throw AppException.invalid("rrule", "is not a valid iCalendar RRULE");
    }
    if (recur.getFrequency() == null || TOO_FREQUENT.contains(recur.getFrequency())) {
      throw AppException.invalid("rrule", "must repeat daily or less often");
    }
    // ical4j keeps COUNT=0 and INTERVAL=0 or -1 as given and then expands them as if absent (plain weekly);
    // it writes back a part only when the rule gave it, so its own rendering says whether one was given.
    String parsed = recur.toString();
    if (parsed.contains("COUNT=") && recur.getCount() < 1) {
      throw AppException.invalid("rrule", "COUNT must be at least 1");
    }
    if (parsed.contains("INTERVAL=") && recur.getInterval() < 1) {
      throw AppException.invalid("rrule", "INTERVAL must be at least 1");
    }
    return parsed;
  }

  /**
   * Expands the first {@link #CHECKED} occurrences from {@code firstStart} in local wall time (the zone changes no
   * rule's pattern, only where daylight saving puts it), looking {@link #CHECK_DAYS} days ahead as
   * {@link #cadenceDays} does. A rule with none there never occurs (February 30th, an UNTIL before the first start);
   * two of them less than a day apart mean the BYHOUR/BYMINUTE/BYSETPOS parts make it sub-daily whatever its FREQ says.
   */
  static void requireOccurs(Recur<LocalDateTime> recur, LocalDateTime firstStart) {
    List<LocalDateTime> first = recur.getDates(firstStart, firstStart, firstStart.plusDays(CHECK_DAYS), CHECKED);
    if (first.isEmpty()) {
      throw AppException.invalid("rrule", "never occurs: no meeting falls within two years of the first one");
    }
    for (int i = 1; i < first.size(); i++) {
      if (first.get(i - 1).plusDays(1).isAfter(first.get(i))) {
        throw AppException.invalid("rrule", "must repeat at most once a day (" + first.get(i - 1) + " and " + first.get(i)
            + " are less than 24 hours apart)");
      }
    }
  }

  /** Occurrences whose start lies in [from, to), at most {@code max}, in the zone's local wall time. */
  public static List<ZonedDateTime> between(String rrule, LocalDateTime firstStart, ZoneId zone, Instant from, Instant to, int max) {
    Recur<ZonedDateTime> recur = new Recur<>(rrule);
    ZonedDateTime seed = firstStart.atZone(zone);
    ZonedDateTime start = from.atZone(zone);
    ZonedDateTime end = to.atZone(zone);
    if (!end.isAfter(start) || end.isBefore(seed)) {
      return List.of();
    }
    ZonedDateTime anchor = rebase(recur, firstStart, start.toLocalDateTime()).atZone(zone);
    return recur.getDates(anchor, start.isBefore(seed) ? seed : start, end, max).stream()
        .filter(z -> !z.toInstant().isBefore(from) && z.toInstant().isBefore(to))
        .toList();
  }

  /**
   * ical4j walks every occurrence from the anchor, so a five-year-old series costs hundreds of steps
   * per call. For rules where it is exact (no COUNT; daily or weekly; monthly from a day that every
   * month has) the anchor moves forward by whole intervals, in local time, to just before {@code start}.
   */
  static LocalDateTime rebase(Recur<?> recur, LocalDateTime seed, LocalDateTime start) {
    if (recur.getCount() >= 1 || !start.isAfter(seed)) {
      return seed;
    }
    int interval = Math.max(1, recur.getInterval());
    Frequency f = recur.getFrequency();
    if (f == Frequency.DAILY || f == Frequency.WEEKLY) {
      long unit = (f == Frequency.WEEKLY ? 7L : 1L) * interval;
      long periods = java.time.temporal.ChronoUnit.DAYS.between(seed.toLocalDate(), start.toLocalDate()) / unit - 1;
      return periods > 0 ? seed.plusDays(periods * unit) : seed;
    }
    if (f == Frequency.MONTHLY && seed.getDayOfMonth() <= 28) {
      long periods = java.time.temporal.ChronoUnit.MONTHS.between(seed, start) / interval - 1;
      return periods > 0 ? seed.plusMonths(periods * interval) : seed;
    }
    return seed;
  }

  /** The next occurrence at or after {@code from}, looking at most a year and a bit ahead. */
  public static ZonedDateTime next(String rrule, LocalDateTime firstStart, ZoneId zone, Instant from) {
    List<ZonedDateTime> found = between(rrule, firstStart, zone, from, from.plus(Duration.ofDays(400)), 1);
    return found.isEmpty() ? null : found.get(0);
  }

  /** The overdue window: the gap between the first two occurrences, in days (at least one). */
  public static int cadenceDays(String rrule, LocalDateTime firstStart, ZoneId zone) {
    Instant first = firstStart.atZone(zone).toInstant();
    List<ZonedDateTime> two = between(rrule, firstStart, zone, first, first.plus(Duration.ofDays(800)), 2);
    if (two.size() < 2) {
      return 366;
    }
    long days = Math.round(Duration.between(two.get(0), two.get(1)).toHours() / 24.0);
    return (int) Math.max(1, Math.min(366, days));
  }
}
