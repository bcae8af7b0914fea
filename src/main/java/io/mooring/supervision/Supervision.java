package io.mooring.supervision;

import io.mooring.platform.http.DateTimes;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/** The supervision feature's rows, as records. JSON shapes live next to them so every endpoint agrees. */
public final class Supervision {
  private Supervision() {}

  public record Schedule(long id, long pairingId, String rrule, LocalDateTime firstStart, int durationMinutes, String modality,
                         int cadenceDays) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("pairingId", pairingId).put("rrule", rrule).put("firstStart", firstStart.toString())
          .put("durationMinutes", durationMinutes).put("modality", modality).put("cadenceDays", cadenceDays);
    }
  }

  /** A pairing with what dashboards need: schedule, last held session, open items, agreement state, overdue. */
  public record PairingStatus(Pairings.Pairing pairing, OffsetDateTime createdAt, OffsetDateTime endedAt, Schedule schedule,
                              OffsetDateTime lastHeld, long openItems, Integer agreementVersion, boolean supervisorAcknowledged,
                              boolean superviseeAcknowledged, boolean overdue) {
    public long id() {
      return pairing.id();
    }

    /** The current agreement's version and who has acknowledged it. */
    public JsonObject agreementJson() {
      return new JsonObject().put("version", agreementVersion).put("supervisorAcknowledged", supervisorAcknowledged)
          .put("superviseeAcknowledged", superviseeAcknowledged);
    }
  }

  public record Session(long id, long orgId, long pairingId, Long scheduleId, LocalDateTime occurrenceStart, OffsetDateTime startsAt,
                        int durationMinutes, String modality, String type, String status) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("pairingId", pairingId).put("scheduleId", scheduleId)
          .put("occurrence", occurrenceStart == null ? null : occurrenceStart.toString()).put("startsAt", DateTimes.text(startsAt))
          .put("durationMinutes", durationMinutes).put("modality", modality).put("type", type).put("status", status);
    }
  }

  public record Record(long sessionId, long pairingId, String status, JsonObject content, int version, OffsetDateTime createdAt,
                       OffsetDateTime updatedAt, Long finalizedBy, OffsetDateTime finalizedAt, String contentHash, Long acknowledgedBy,
                       OffsetDateTime acknowledgedAt, String ackComment) {
    public String etag() {
      return "\"r" + sessionId + "-v" + version + "\"";
    }

    /** What an administrator may see: dates and status, never narrative. */
    public JsonObject metadataJson() {
      return new JsonObject().put("sessionId", sessionId).put("pairingId", pairingId).put("status", status)
          .put("createdAt", DateTimes.text(createdAt)).put("finalizedAt", str(finalizedAt)).put("acknowledgedAt", str(acknowledgedAt));
    }

    public JsonObject toJson() {
      return metadataJson().put("version", version).put("content", content).put("finalizedBy", finalizedBy)
          .put("contentHash", contentHash).put("acknowledgedBy", acknowledgedBy).put("acknowledgementComment", ackComment)
          .put("updatedAt", DateTimes.text(updatedAt));
    }
  }

  public record ActionItem(long id, long pairingId, long originSessionId, String body, long ownerId, LocalDate dueDate, String status) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("pairingId", pairingId).put("originSessionId", originSessionId).put("text", body)
          .put("ownerId", ownerId).put("dueDate", dueDate == null ? null : dueDate.toString()).put("status", status);
    }
  }

  public record AgendaItem(long id, long pairingId, long authorId, String body, Long sessionId, OffsetDateTime createdAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("pairingId", pairingId).put("authorId", authorId).put("text", body)
          .put("sessionId", sessionId).put("createdAt", DateTimes.text(createdAt));
    }
  }

  public record Amendment(long id, long sessionId, long authorId, String body, OffsetDateTime createdAt) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("sessionId", sessionId).put("authorId", authorId).put("text", body)
          .put("createdAt", DateTimes.text(createdAt));
    }
  }

  public record Agreement(long id, long pairingId, int version, String cadence, String confidentiality, String expectations,
                          long createdBy, OffsetDateTime createdAt, OffsetDateTime supervisorAckAt, OffsetDateTime superviseeAckAt) {
    public boolean fullyAcknowledged() {
      return supervisorAckAt != null && superviseeAckAt != null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("pairingId", pairingId).put("version", version).put("cadence", cadence)
          .put("confidentiality", confidentiality).put("expectations", expectations).put("createdBy", createdBy)
          .put("createdAt", DateTimes.text(createdAt)).put("supervisorAcknowledgedAt", str(supervisorAckAt))
          .put("superviseeAcknowledgedAt", str(superviseeAckAt));
    }
  }

  static String str(Object o) {
    return o instanceof OffsetDateTime t ? DateTimes.text(t) : o == null ? null : o.toString();
  }
}
