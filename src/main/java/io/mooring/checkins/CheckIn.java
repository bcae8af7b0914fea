package io.mooring.checkins;

import io.mooring.platform.http.DateTimes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** One stored check-in with its flags. The two JSON views are the whole of what leaves the service. */
public record CheckIn(long id, long orgId, long peerId, int instrumentVersion, LocalDate periodEnd, String unit,
                      JsonObject amounts, JsonObject shares, JsonObject pulses, String reflection, boolean discuss,
                      boolean shareAnswers, boolean shareReflection, double score, OffsetDateTime createdAt,
                      List<Flag> flags) {

  public record Flag(long id, long checkInId, long peerId, String kind, String detail, OffsetDateTime createdAt,
                     OffsetDateTime resolvedAt, Long resolvedInRecordId) {
    public boolean open() {
      return resolvedAt == null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("checkInId", checkInId).put("peerId", peerId).put("kind", kind)
          .put("detail", detail).put("createdAt", DateTimes.text(createdAt))
          .put("resolvedAt", DateTimes.text(resolvedAt))
          .put("resolvedInRecordId", resolvedInRecordId);
    }
  }

  /** The supervisor's own rating of the same activities for this period. */
  public record Rating(long checkInId, long supervisorId, String unit, JsonObject amounts, JsonObject shares, double score,
                       OffsetDateTime ratedAt) {
    public JsonObject toJson() {
      return new JsonObject().put("supervisorId", supervisorId).put("unit", unit).put("amounts", amounts)
          .put("shares", shares).put("score", score).put("ratedAt", DateTimes.text(ratedAt));
    }
  }

  public CheckIn withFlags(List<Flag> f) {
    return new CheckIn(id, orgId, peerId, instrumentVersion, periodEnd, unit, amounts, shares, pulses, reflection, discuss,
        shareAnswers, shareReflection, score, createdAt, List.copyOf(f));
  }

  public List<Flag> openFlags() {
    return flags.stream().filter(Flag::open).toList();
  }

  /** Everything: only the peer themself sees this. */
  public JsonObject toOwnerJson() {
    return base().put("answers", answers()).put("reflection", reflection);
  }

  /** What a current supervisor sees: score, flags, and answers/reflection only where the peer shares them. */
  public JsonObject toSharedJson() {
    JsonObject o = base();
    if (shareAnswers) {
      o.put("answers", answers());
    }
    if (shareReflection) {
      o.put("reflection", reflection);
    }
    return o;
  }

  private JsonObject base() {
    JsonArray f = new JsonArray();
    flags.forEach(x -> f.add(x.toJson()));
    return new JsonObject().put("id", id).put("peerId", peerId).put("instrumentVersion", instrumentVersion)
        .put("periodEnd", periodEnd.toString()).put("score", score).put("flags", f).put("discuss", discuss)
        .put("shareAnswers", shareAnswers).put("shareReflection", shareReflection).put("createdAt", DateTimes.text(createdAt));
  }

  private JsonObject answers() {
    return new JsonObject().put("unit", unit).put("activities", amounts).put("shares", shares).put("pulses", pulses);
  }
}
