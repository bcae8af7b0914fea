package io.mooring.checkins;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for check-ins, flags and settings (supervisor ratings: {@link RatingRepository}). Every query is scoped by organization. */
final class CheckInRepository {
  private static final String COLS = """
      id, org_id, peer_id, instrument_version, period_end, unit, amounts, shares, pulses, reflection, discuss,
      share_answers, share_reflection, score, created_at""";
  /** Each flag with its check-in's answer sharing as it is now, which decides what a supervisor sees of it. */
  private static final String FLAG_COLS = """
      f.id, f.checkin_id, f.peer_id, f.kind, f.detail, f.created_at, f.resolved_at, f.resolved_in_record_id,
      c.share_answers from checkin_flags f join checkins c on c.id = f.checkin_id""";
  private static final String SETTINGS = "select threshold, cadence_days from checkin_settings where org_id = $1";
  private static final String SAVE_SETTINGS = """
      insert into checkin_settings (org_id, threshold, cadence_days) values ($1, $2, $3)
      on conflict (org_id) do update set threshold = excluded.threshold, cadence_days = excluded.cadence_days""";
  private static final String PREVIOUS_SCORES = """
      select score from checkins where org_id = $1 and peer_id = $2 and period_end < $3 order by period_end desc limit 3""";
  private static final String INSERT = """
      insert into checkins (org_id, peer_id, instrument_version, period_end, unit, amounts, shares, pulses, reflection, discuss,
                            share_answers, share_reflection, score)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning\s""" + COLS;
  private static final String INSERT_FLAG = "insert into checkin_flags (org_id, checkin_id, peer_id, kind, detail) values ($1, $2, $3, $4, $5)";
  private static final String FIND = "select " + COLS + " from checkins where org_id = $1 and id = $2";
  private static final String HISTORY = "select " + COLS
      + " from checkins where org_id = $1 and peer_id = $2 and period_end < $3 order by period_end desc limit $4";
  private static final String FLAGS_OF = "select " + FLAG_COLS + " where f.checkin_id = any($1) order by f.id";
  private static final String OPEN_FLAGS = "select " + FLAG_COLS
      + " where f.org_id = $1 and f.peer_id = any($2) and f.resolved_at is null order by f.id";
  private static final String LAST_PERIODS = """
      select peer_id, max(period_end) as last from checkins where org_id = $1 and peer_id = any($2) group by peer_id""";
  private static final String UPDATE_SHARING = """
      update checkins set share_answers = $3, share_reflection = $4 where org_id = $1 and id = $2""";
  private static final String FLAGS_BY_ID = "select " + FLAG_COLS + " where f.org_id = $1 and f.peer_id = $2 and f.id = any($3)";
  private static final String RESOLVE = """
      update checkin_flags set resolved_at = now(), resolved_by = $4, resolved_in_record_id = $5
       where org_id = $1 and peer_id = $2 and id = any($3) and resolved_at is null""";
  private static final String TEAM_MONTHS = """
      select to_char(date_trunc('month', period_end), 'YYYY-MM') as month, count(distinct peer_id) as peers, count(*) as n,
             avg(score) as mean, count(*) filter (where score > $3) as above,
             array_agg(id order by id) as checkin_ids, array_agg(peer_id order by id) as peer_ids
        from checkins where org_id = $1 and peer_id = any($2) group by 1 order by 1""";

  private CheckInRepository() {}

  record Settings(int threshold, int cadenceDays) {
    static final Settings DEFAULT = new Settings(25, 14);
  }

  /** One team's figures for one month, with the check-ins behind them (check-in id → peer id) for disclosure control. */
  record TeamMonth(String month, long peers, long checkIns, double meanScore, long aboveThreshold, Map<Long, Long> contributions) {}

  static Future<Settings> settings(SqlClient db, long orgId) {
    return db.preparedQuery(SETTINGS).execute(Tuple.of(orgId)).map(rows -> rows.size() == 0 ? Settings.DEFAULT
        : new Settings(rows.iterator().next().getInteger(0), rows.iterator().next().getInteger(1)));
  }

  static Future<Void> saveSettings(SqlClient db, long orgId, Settings s) {
    return db.preparedQuery(SAVE_SETTINGS).execute(Tuple.of(orgId, s.threshold(), s.cadenceDays())).mapEmpty();
  }

  /** Up to three scores before this period, oldest first. */
  static Future<List<Double>> previousScores(SqlClient db, long orgId, long peerId, LocalDate periodEnd) {
    return db.preparedQuery(PREVIOUS_SCORES).execute(Tuple.of(orgId, peerId, periodEnd)).map(rows -> {
      List<Double> out = new ArrayList<>();
      rows.forEach(r -> out.add(0, r.getDouble(0)));
      return out;
    });
  }

  static Future<CheckIn> insert(SqlClient db, long orgId, long peerId, NewCheckIn c, LocalDate periodEnd,
                                Map<String, Double> shares, double score) {
    Tuple t = Tuple.tuple().addLong(orgId).addLong(peerId).addInteger(Instrument.CURRENT.version()).addLocalDate(periodEnd)
        .addString(c.unit()).addValue(json(c.amounts())).addValue(json(shares)).addValue(json(c.pulses()))
        .addString(c.reflection()).addBoolean(c.discuss()).addBoolean(c.shareAnswers()).addBoolean(c.shareReflection())
        .addDouble(score);
    return db.preparedQuery(INSERT).execute(t).map(rows -> map(rows.iterator().next()));
  }

  static Future<Void> insertFlags(SqlClient db, CheckIn c, List<CheckInScoring.Flag> flags) {
    if (flags.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    flags.forEach(f -> batch.add(Tuple.of(c.orgId(), c.id(), c.peerId(), f.kind(), f.detail())));
    return db.preparedQuery(INSERT_FLAG).executeBatch(batch).mapEmpty();
  }

  static Future<Optional<CheckIn>> find(SqlClient db, long orgId, long id) {
    return db.preparedQuery(FIND).execute(Tuple.of(orgId, id))
        .compose(rows -> withFlags(db, all(rows)))
        .map(list -> list.isEmpty() ? Optional.empty() : Optional.of(list.get(0)));
  }

  /** Newest period first, before {@code before}. */
  static Future<List<CheckIn>> history(SqlClient db, long orgId, long peerId, LocalDate before, int limit) {
    return db.preparedQuery(HISTORY).execute(Tuple.of(orgId, peerId, before, limit)).compose(rows -> withFlags(db, all(rows)));
  }

  static Future<List<CheckIn.Flag>> openFlags(SqlClient db, long orgId, Collection<Long> peerIds) {
    return db.preparedQuery(OPEN_FLAGS).execute(Tuple.of(orgId, (Object) peerIds.toArray(new Long[0]))).map(CheckInRepository::flags);
  }

  static Future<Map<Long, LocalDate>> lastPeriods(SqlClient db, long orgId, Collection<Long> peerIds) {
    return db.preparedQuery(LAST_PERIODS).execute(Tuple.of(orgId, (Object) peerIds.toArray(new Long[0]))).map(rows -> {
      Map<Long, LocalDate> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getLong(0), r.getLocalDate(1)));
      return out;
    });
  }

  static Future<Void> updateSharing(SqlClient db, long orgId, long id, boolean answers, boolean reflection) {
    return db.preparedQuery(UPDATE_SHARING).execute(Tuple.of(orgId, id, answers, reflection)).mapEmpty();
  }

  /** Those of {@code ids} that are flags of this peer. */
  static Future<List<CheckIn.Flag>> flagsOf(SqlClient db, long orgId, long peerId, Collection<Long> ids) {
    return db.preparedQuery(FLAGS_BY_ID).execute(Tuple.of(orgId, peerId, ids.toArray(new Long[0]))).map(CheckInRepository::flags);
  }

  static Future<Integer> resolve(SqlClient db, long orgId, long peerId, Collection<Long> ids, long by, long recordId) {
    return db.preparedQuery(RESOLVE).execute(Tuple.of(orgId, peerId, ids.toArray(new Long[0]), by, recordId)).map(RowSet::rowCount);
  }

  static Future<List<TeamMonth>> teamMonths(SqlClient db, long orgId, Collection<Long> peerIds, int threshold) {
    return db.preparedQuery(TEAM_MONTHS).execute(Tuple.of(orgId, peerIds.toArray(new Long[0]), (double) threshold)).map(rows -> {
      List<TeamMonth> out = new ArrayList<>();
      rows.forEach(r -> {
        Long[] ids = r.getArrayOfLongs("checkin_ids");
        Long[] peers = r.getArrayOfLongs("peer_ids");
        Map<Long, Long> contributions = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
          contributions.put(ids[i], peers[i]);
        }
        out.add(new TeamMonth(r.getString("month"), r.getLong("peers"), r.getLong("n"), r.getDouble("mean"), r.getLong("above"),
            contributions));
      });
      return out;
    });
  }

  static CheckIn map(Row r) {
    return new CheckIn(r.getLong("id"), r.getLong("org_id"), r.getLong("peer_id"), r.getInteger("instrument_version"),
        r.getLocalDate("period_end"), r.getString("unit"), (JsonObject) r.getValue("amounts"), (JsonObject) r.getValue("shares"),
        (JsonObject) r.getValue("pulses"), r.getString("reflection"), r.getBoolean("discuss"), r.getBoolean("share_answers"),
        r.getBoolean("share_reflection"), r.getDouble("score"), r.getOffsetDateTime("created_at"), List.of());
  }

  static CheckIn.Flag mapFlag(Row r) {
    return new CheckIn.Flag(r.getLong("id"), r.getLong("checkin_id"), r.getLong("peer_id"), r.getString("kind"), r.getString("detail"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("resolved_at"), r.getLong("resolved_in_record_id"),
        r.getBoolean("share_answers"));
  }

  private static Future<List<CheckIn>> withFlags(SqlClient db, List<CheckIn> list) {
    if (list.isEmpty()) {
      return Future.succeededFuture(list);
    }
    Long[] ids = list.stream().map(CheckIn::id).toArray(Long[]::new);
    return db.preparedQuery(FLAGS_OF).execute(Tuple.of((Object) ids)).map(rows -> {
      Map<Long, List<CheckIn.Flag>> by = new LinkedHashMap<>();
      flags(rows).forEach(f -> by.computeIfAbsent(f.checkInId(), k -> new ArrayList<>()).add(f));
      return list.stream().map(c -> c.withFlags(by.getOrDefault(c.id(), List.of()))).toList();
    });
  }

  private static List<CheckIn> all(RowSet<Row> rows) {
    List<CheckIn> out = new ArrayList<>();
    rows.forEach(r -> out.add(map(r)));
    return out;
  }

  private static List<CheckIn.Flag> flags(RowSet<Row> rows) {
    List<CheckIn.Flag> out = new ArrayList<>();
    rows.forEach(r -> out.add(mapFlag(r)));
    return out;
  }

  static JsonObject json(Map<String, ? extends Number> m) {
    return new JsonObject(new LinkedHashMap<>(m));
  }
}
