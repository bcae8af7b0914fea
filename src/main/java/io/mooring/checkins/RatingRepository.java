package io.mooring.checkins;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** SQL for supervisors' own ratings of a check-in's activities. */
final class RatingRepository {
  private static final String SAVE_RATING = """
      insert into checkin_supervisor_ratings (checkin_id, supervisor_id, unit, amounts, shares, score) values ($1, $2, $3, $4, $5, $6)
      on conflict (checkin_id, supervisor_id) do update set unit = excluded.unit, amounts = excluded.amounts,
        shares = excluded.shares, score = excluded.score, rated_at = now()
      returning checkin_id, supervisor_id, unit, amounts, shares, score, rated_at""";
  private static final String RATINGS_FOR = """
      select checkin_id, supervisor_id, unit, amounts, shares, score, rated_at from checkin_supervisor_ratings
       where checkin_id = any($1) order by checkin_id, supervisor_id""";

  private RatingRepository() {}

  static Future<CheckIn.Rating> saveRating(SqlClient db, long checkInId, long supervisorId, String unit, Map<String, Double> amounts,
                                           Map<String, Double> shares, double score) {
    return db.preparedQuery(SAVE_RATING).execute(Tuple.of(checkInId, supervisorId, unit, CheckInRepository.json(amounts), CheckInRepository.json(shares), score))
        .map(rows -> mapRating(rows.iterator().next()));
  }

  static Future<List<CheckIn.Rating>> ratings(SqlClient db, long checkInId) {
    return ratingsFor(db, List.of(checkInId));
  }

  static Future<List<CheckIn.Rating>> ratingsFor(SqlClient db, Collection<Long> checkInIds) {
    return db.preparedQuery(RATINGS_FOR).execute(Tuple.of((Object) checkInIds.toArray(new Long[0]))).map(rows -> {
      List<CheckIn.Rating> out = new ArrayList<>();
      rows.forEach(r -> out.add(mapRating(r)));
      return out;
    });
  }

  static CheckIn.Rating mapRating(Row r) {
    return new CheckIn.Rating(r.getLong("checkin_id"), r.getLong("supervisor_id"), r.getString("unit"),
        (JsonObject) r.getValue("amounts"), (JsonObject) r.getValue("shares"), r.getDouble("score"), r.getOffsetDateTime("rated_at"));
  }
}
