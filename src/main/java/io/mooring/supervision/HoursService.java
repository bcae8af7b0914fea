package io.mooring.supervision;

import io.mooring.people.Organization;
import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.csv.Csv;
import io.mooring.platform.http.AppException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Supervision hours for certification paperwork: held sessions only, by type and month. */
public final class HoursService {
  private final Pool pool;
  private final PeopleService people;
  private final Pairings pairings;

  HoursService(Pool pool, PeopleService people, Pairings pairings) {
    this.pool = pool;
    this.people = people;
    this.pairings = pairings;
  }

  public record Line(String date, int durationMinutes, String sessionType, String supervisionType, String supervisor, String credential) {}

  public record Hours(Person supervisee, ZoneId zone, List<Line> lines) {
    /** Minutes by month (yyyy-MM; a session stored before dates were range-checked may read "-0001-12") then supervision type. */
    public Map<String, Map<String, Integer>> byMonthAndType() {
      Map<String, Map<String, Integer>> out = new TreeMap<>();
      for (Line l : lines) {
        String month = java.time.YearMonth.from(java.time.LocalDate.parse(l.date())).toString();
        out.computeIfAbsent(month, k -> new TreeMap<>()).merge(l.supervisionType(), l.durationMinutes(), Integer::sum);
      }
      return out;
    }

    public int totalMinutes() {
      return lines.stream().mapToInt(Line::durationMinutes).sum();
    }

    public JsonObject toJson() {
      JsonArray months = new JsonArray();
      byMonthAndType().forEach((m, types) -> types.forEach((t, min) ->
          months.add(new JsonObject().put("month", m).put("type", t).put("minutes", min).put("hours", min / 60.0))));
      JsonArray sessions = new JsonArray();
      lines.forEach(l -> sessions.add(new JsonObject().put("date", l.date()).put("durationMinutes", l.durationMinutes())
          .put("sessionType", l.sessionType()).put("type", l.supervisionType()).put("supervisor", l.supervisor())
          .put("credential", l.credential())));
      return new JsonObject().put("supervisee", DashboardService.person(supervisee)).put("totalHours", totalMinutes() / 60.0)
          .put("byMonthAndType", months).put("sessions", sessions);
    }

    public String toCsv() {
      return Csv.write(List.of("date", "duration_minutes", "session_type", "supervision_type", "supervisor", "credential"),
          lines.stream().map(l -> List.<Object>of(l.date(), l.durationMinutes(), l.sessionType(), l.supervisionType(),
              l.supervisor(), l.credential())).toList());
    }
  }

  /** The supervisee, their administrators, and (for their own sessions) their current supervisors; anyone else 404. */
  public Future<Hours> hours(CurrentUser me, long superviseeId) {
    return people.require(me.orgId(), superviseeId).compose(supervisee -> scope(me, superviseeId)
        .compose(supervisorFilter -> Future.all(SessionRepository.held(pool, me.orgId(), superviseeId, supervisorFilter),
            people.everyone(me.orgId()), people.organization(me.orgId())))
        .map(all -> {
          Map<Long, String> names = new HashMap<>();
          ((List<Person>) all.resultAt(1)).forEach(p -> names.put(p.id(), p.displayName()));
          ZoneId zone = ((Organization) all.resultAt(2)).timeZone();
          List<Line> lines = ((List<SessionRepository.HeldSession>) all.resultAt(0)).stream()
              .map(h -> new Line(h.startsAt().atZoneSameInstant(zone).toLocalDate().toString(), h.durationMinutes(), h.sessionType(),
                  h.pairingType(), names.getOrDefault(h.supervisorId(), "?"), h.credential() == null ? "" : h.credential()))
              .toList();
          return new Hours(supervisee, zone, lines);
        }));
  }

  private Future<Long> scope(CurrentUser me, long superviseeId) {
    if (me.id() == superviseeId || me.isAdmin()) {
      return Future.succeededFuture(null);
    }
    return pairings.supervises(me.id(), superviseeId).map(yes -> {
      if (!yes) {
        throw AppException.notFound("Hours of person " + superviseeId);
      }
      return me.id();
    });
  }
}
