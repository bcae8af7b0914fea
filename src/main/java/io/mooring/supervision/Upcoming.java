package io.mooring.supervision;

import io.mooring.platform.calendar.Recurrence;
import io.mooring.platform.http.DateTimes;
import io.mooring.supervision.Supervision.Schedule;
import io.mooring.supervision.Supervision.Session;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What is coming up for a pairing: the series expanded by ical4j, with stored sessions laid over it.
 * A stored session for an occurrence (rescheduled, cancelled, held…) replaces that occurrence; the
 * series itself is never edited.
 */
public final class Upcoming {
  private Upcoming() {}

  /** One upcoming meeting; {@code sessionId} is null while it is still only an occurrence of the series. */
  public record Occurrence(Long sessionId, long pairingId, Long scheduleId, LocalDateTime occurrence, OffsetDateTime startsAt,
                           int durationMinutes, String modality, String status) {
    public boolean scheduled() {
      return status.equals("scheduled");
    }

    public JsonObject toJson() {
      return new JsonObject().put("sessionId", sessionId).put("pairingId", pairingId).put("scheduleId", scheduleId)
          .put("occurrence", occurrence == null ? null : occurrence.toString()).put("startsAt", DateTimes.text(startsAt))
          .put("durationMinutes", durationMinutes).put("modality", modality).put("status", status);
    }
  }

  /** Meetings of one pairing starting in [from, to), in time order, at most {@code max}. */
  public static List<Occurrence> merge(long pairingId, Schedule schedule, List<Session> stored, ZoneId zone, Instant from,
                                       Instant to, int max) {
    List<Occurrence> out = new ArrayList<>();
    Set<LocalDateTime> overridden = new HashSet<>();
    for (Session s : stored) {
      if (s.pairingId() != pairingId) {
        continue;
      }
      if (schedule != null && schedule.id() == (s.scheduleId() == null ? -1 : s.scheduleId())) {
        overridden.add(s.occurrenceStart());
      }
      Instant at = s.startsAt().toInstant();
      if (!at.isBefore(from) && at.isBefore(to)) {
        out.add(new Occurrence(s.id(), pairingId, s.scheduleId(), s.occurrenceStart(), s.startsAt(), s.durationMinutes(),
            s.modality(), s.status()));
      }
    }
    if (schedule != null) {
      for (ZonedDateTime z : Recurrence.between(schedule.rrule(), schedule.firstStart(), zone, from, to, max + overridden.size())) {
        if (!overridden.contains(z.toLocalDateTime())) {
          out.add(new Occurrence(null, pairingId, schedule.id(), z.toLocalDateTime(), z.toOffsetDateTime(),
              schedule.durationMinutes(), schedule.modality(), "scheduled"));
        }
      }
    }
    out.sort(Comparator.comparing(Occurrence::startsAt));
    return out.size() > max ? out.subList(0, max) : out;
  }

  /** The next meeting that will actually happen, or null. */
  public static Occurrence next(long pairingId, Schedule schedule, List<Session> stored, ZoneId zone, Instant now) {
    return merge(pairingId, schedule, stored, zone, now, now.plusSeconds(400L * 86400), 8 + stored.size()).stream()
        .filter(Occurrence::scheduled).findFirst().orElse(null);
  }
}
