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
 * person. A team-month with fewer than {@link #MIN_PEERS} distinct peers is suppressed entirely, and
 * so is one whose check-ins differ from another released figure of that month (any team, any earlier
 * read) by fewer than {@link #MIN_PEERS} peers ({@link ProgramRelease}), so no difference of two
 * reports singles anyone out.
 */
public final class CheckInProgram {
  public static final int MIN_PEERS = 5;

  private final Pool pool;
  private final PeopleService people;

  CheckInProgram(Pool pool, PeopleService people) {
    this.pool = pool;
    this.people = people;
  }

  /** One team in one month; {@code suppressed} cells carry no figures at all, only why. */
  public record Cell(String month, boolean suppressed, Long peers, Long checkIns, Double meanScore, Long aboveThreshold,
                     String suppressedBecause) {
    public boolean differencing() {
      return ProgramRelease.DIFFERENCING.equals(suppressedBecause);
    }

    public JsonObject toJson() {
      JsonObject o = new JsonObject().put("month", month).put("suppressed", suppressed);
      if (suppressed) {
        o.put("suppressedBecause", suppressedBecause);
      } else {
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

  /** Figures for every team, decided and recorded under one per-organization lock so two reads cannot race past the check. */
  public Future<List<TeamSeries>> byTeam(CurrentUser admin) {
    requireAdmin(admin);
    return people.teams(admin.orgId()).compose(teams -> pool.withTransaction(tx -> ProgramRelease.lock(tx, admin.orgId())
        .compose(v -> CheckInRepository.settings(tx, admin.orgId())).compose(s -> {
          List<Future<List<CheckInRepository.TeamMonth>>> months = new ArrayList<>();
          teams.forEach(t -> months.add(CheckInRepository.teamMonths(tx, admin.orgId(), t.memberIds(), s.threshold())));
          return Future.all(months);
        }).compose(f -> {
          List<List<CheckInRepository.TeamMonth>> months = f.list();
          java.util.Set<String> shown = new java.util.HashSet<>();
          months.forEach(list -> list.forEach(m -> shown.add(m.month())));
          return ProgramRelease.earlier(tx, admin.orgId(), shown).compose(earlier -> release(tx, admin.orgId(), teams, months, earlier));
        })));
  }

  private static Future<List<TeamSeries>> release(io.vertx.sqlclient.SqlClient tx, long orgId, List<Team> teams,
                                                  List<List<CheckInRepository.TeamMonth>> months,
                                                  java.util.Map<String, List<java.util.Map<Long, Long>>> earlier) {
    List<ProgramRelease.Candidate> candidates = new ArrayList<>();
    months.forEach(list -> list.forEach(m -> candidates.add(new ProgramRelease.Candidate(m.month(), m.contributions()))));
    List<ProgramRelease.Candidate> fresh = new ArrayList<>();
    List<String> reasons = ProgramRelease.decide(candidates, earlier, MIN_PEERS, fresh);
    List<TeamSeries> out = new ArrayList<>();
    int n = 0;
    for (int t = 0; t < teams.size(); t++) {
      List<Cell> cells = new ArrayList<>();
      for (CheckInRepository.TeamMonth m : months.get(t)) {
        cells.add(cell(m, reasons.get(n++)));
      }
      out.add(new TeamSeries(teams.get(t).id(), teams.get(t).name(), cells));
    }
    return ProgramRelease.record(tx, orgId, fresh).map(out);
  }

  static Cell cell(CheckInRepository.TeamMonth m, String suppressedBecause) {
    if (suppressedBecause != null) {
      return new Cell(m.month(), true, null, null, null, null, suppressedBecause);
    }
    return new Cell(m.month(), false, m.peers(), m.checkIns(), Math.round(m.meanScore() * 10) / 10.0, m.aboveThreshold(), null);
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
