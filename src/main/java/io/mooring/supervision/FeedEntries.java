package io.mooring.supervision;

import io.mooring.platform.calendar.CalendarSource;
import io.mooring.platform.calendar.CalendarSource.Entry;
import io.mooring.supervision.Supervision.PairingStatus;
import io.mooring.supervision.Supervision.Schedule;
import io.mooring.supervision.Supervision.Session;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A person's supervision meetings as calendar entries: each pairing's schedule is one series (UID named after the
 * schedule), its stored sessions are overrides of that series (moved) or exclusions (cancelled), and a one-off
 * session is an event of its own (UID named after the session). Nothing a session record says is shown.
 */
final class FeedEntries {
  private FeedEntries() {}

  static List<Entry> of(long userId, List<PairingStatus> pairings, List<Session> stored, Map<Long, Instant> changed,
                        Map<Long, String> names, ZoneId zone, Instant since) {
    List<Entry> out = new ArrayList<>();
    for (PairingStatus s : pairings) {
      long other = s.pairing().supervisorId() == userId ? s.pairing().superviseeId() : s.pairing().supervisorId();
      String title = "Supervision with " + names.getOrDefault(other, "your pair");
      Instant lastChange = changed.getOrDefault(s.id(), Instant.EPOCH);
      Schedule schedule = s.schedule();
      List<CalendarSource.Moved> moved = new ArrayList<>();
      List<LocalDateTime> cancelled = new ArrayList<>();
      for (Session session : stored) {
        if (session.pairingId() != s.id()) {
          continue;
        }
        boolean ofSeries = schedule != null && session.scheduleId() != null && session.scheduleId() == schedule.id();
        LocalDateTime at = LocalDateTime.ofInstant(session.startsAt().toInstant(), zone);
        if (ofSeries && session.status().equals("cancelled")) {
          cancelled.add(session.occurrenceStart());
        } else if (ofSeries && (!at.equals(session.occurrenceStart()) || session.durationMinutes() != schedule.durationMinutes())) {
          moved.add(new CalendarSource.Moved(session.occurrenceStart(), at, session.durationMinutes()));
        } else if (!ofSeries && session.status().equals("scheduled") && !session.startsAt().toInstant().isBefore(since)) {
          out.add(Entry.single("mooring-session-" + session.id() + "@mooring", title, at, zone, session.durationMinutes(), lastChange));
        }
      }
      if (schedule != null) {
        out.add(new Entry("mooring-schedule-" + schedule.id() + "@mooring", title, schedule.firstStart(), zone,
            schedule.durationMinutes(), schedule.rrule(), moved, cancelled, lastChange));
      }
    }
    return out;
  }
}
