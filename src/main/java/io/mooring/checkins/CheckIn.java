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

  /** {@code answersShared}: whether the peer shares the answers of the flag's check-in, as read with the flag. */
  public record Flag(long id, long checkInId, long peerId, String kind, String detail, OffsetDateTime createdAt,
                     OffsetDateTime resolvedAt, Long resolvedInRecordId, boolean answersShared) {
    public boolean open() {
      return resolvedAt == null;
    }

    /** The peer's sharing as it is now decides: see {@link CheckInScoring#supervisorSees}. */
    public boolean supervisorSees() {
      return CheckInScoring.supervisorSees(kind, answersShared);
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

  /**
   * This check-in as a current supervisor may see it: flags from the answers only while the answers are
   * shared (judged by this row's own {@code shareAnswers}, the same value that decides whether the answers show).
   */
  public CheckIn forSupervisor() {
    return withFlags(flags.stream().filter(f -> CheckInScoring.supervisorSees(f.kind(), shareAnswers)).toList());
  }

  /** Everything: only the peer themself sees this. */
  public JsonObject toOwnerJson() {
    return base(flags).put("answers", answers()).put("reflection", reflection);
  }

  /**
   * What a current supervisor sees: score, the flags {@link #forSupervisor} keeps, and answers/reflection
   * only where the peer shares them.
   */
  public JsonObject toSharedJson() {
    JsonObject o = base(forSupervisor().flags());
    if (shareAnswers) {
      o.put("answers", answers());
    }
    if (shareReflection) {
      o.put("reflection", reflection);
    }
    return o;
  }

  private JsonObject base(List<Flag> shown) {
    JsonArray f = new JsonArray();
    shown.forEach(x -> f.add(x.toJson()));
    return new JsonObject().put("id", id).put("peerId", peerId).put("instrumentVersion", instrumentVersion)
        .put("periodEnd", periodEnd.toString()).put("score", score).put("flags", f).put("discuss", discuss)
        .put("shareAnswers", shareAnswers).put("shareReflection", shareReflection).put("createdAt", DateTimes.text(createdAt));
  }

  private JsonObject answers() {
    return new JsonObject().put("unit", unit).put("activities", amounts).put("shares", shares).put("pulses", pulses);
  }
}
