package io.mooring.checkins;

import io.mooring.people.PeopleService;
import io.mooring.people.Team;
import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * What administrators see: organization settings and program figures by team and month, never a
 * person. A team-month with fewer than {@link #MIN_PEERS} distinct peers is suppressed entirely, so
 * nobody can be re-identified from a small group.
 */
public final class CheckInProgram {
  public static final int MIN_PEERS = 5;

  private final Pool pool;
  private final PeopleService people;

  CheckInProgram(Pool pool, PeopleService people) {
    this.pool = pool;
    this.people = people;
  }

  /** One team in one month; {@code suppressed} cells carry no figures at all. */
  public record Cell(String month, boolean suppressed, Long peers, Long checkIns, Double meanScore, Long aboveThreshold) {
    public JsonObject toJson() {
      JsonObject o = new JsonObject().put("month", month).put("suppressed", suppressed);
      if (!suppressed) {
        o.put("peers", peers).put("checkIns", checkIns).put("meanScore", meanScore).put("aboveThreshold", aboveThreshold);
      }
      return o;
    }
  }

  public record TeamSeries(long teamId, String name, List<Cell> months) {
    public JsonObject toJson() {
      JsonArray m = new JsonArray();
      months.forEach(c -> m.add(c.toJson()));
      return new JsonObject().put("teamId", teamId).put("name", name).put("months", m);
    }
  }

  public record Settings(int threshold, int cadenceDays) {
    public JsonObject toJson() {
      return new JsonObject().put("threshold", threshold).put("cadenceDays", cadenceDays);
    }
  }

  public Future<List<TeamSeries>> byTeam(CurrentUser admin) {
    requireAdmin(admin);
    return Future.all(people.teams(admin.orgId()), CheckInRepository.settings(pool, admin.orgId())).compose(all -> {
      List<Team> teams = all.resultAt(0);
      CheckInRepository.Settings s = all.resultAt(1);
      List<Future<TeamSeries>> series = new ArrayList<>();
      for (Team t : teams) {
        series.add(CheckInRepository.teamMonths(pool, admin.orgId(), t.memberIds(), s.threshold())
            .map(rows -> new TeamSeries(t.id(), t.name(), rows.stream().map(CheckInProgram::cell).toList())));
      }
      return Future.all(series).map(f -> f.<TeamSeries>list());
    });
  }

  static Cell cell(CheckInRepository.TeamMonth m) {
    if (m.peers() < MIN_PEERS) {
      return new Cell(m.month(), true, null, null, null, null);
    }
    return new Cell(m.month(), false, m.peers(), m.checkIns(), Math.round(m.meanScore() * 10) / 10.0, m.aboveThreshold());
  }

  public Future<Settings> settings(CurrentUser admin) {
    requireAdmin(admin);
    return CheckInRepository.settings(pool, admin.orgId()).map(s -> new Settings(s.threshold(), s.cadenceDays()));
  }

  public Future<Settings> changeSettings(CurrentUser admin, Integer threshold, Integer cadenceDays) {
    requireAdmin(admin);
    return pool.withTransaction(tx -> CheckInRepository.settings(tx, admin.orgId()).compose(before -> {
      var after = new CheckInRepository.Settings(threshold == null ? before.threshold() : threshold,
          cadenceDays == null ? before.cadenceDays() : cadenceDays);
      return CheckInRepository.saveSettings(tx, admin.orgId(), after)
          .compose(v -> AuditLog.record(tx, AuditLog.Entry.of(admin.orgId(), admin.id(), "checkin.settings_changed")
              .with("threshold", after.threshold()).with("cadenceDays", after.cadenceDays())))
          .map(new Settings(after.threshold(), after.cadenceDays()));
    }));
  }

  private static void requireAdmin(CurrentUser u) {
    if (!u.isAdmin()) {
      throw AppException.forbidden("Only administrators can do this.");
    }
  }
}
