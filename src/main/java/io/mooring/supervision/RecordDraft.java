package io.mooring.supervision;

import io.mooring.platform.http.AppException;
import io.mooring.platform.http.DateTimes;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a draft record body into its normalized form (anything partial is fine: completeness is
 * {@link RecordContent#requireComplete}, checked when the supervisor signs). The body's shape (fields,
 * types, lengths, enums, list sizes, non-blank texts) is the contract's ({@code SupervisionRecordDraft});
 * this class only normalizes and checks what a schema cannot: that the start and the due dates exist and lie in
 * {@link DateTimes#plausible plausible years}, and that no earlier item is decided twice.
 */
final class RecordDraft {
  private RecordDraft() {}

  /** Normalizes a body the contract has validated; refuses dates the calendar does not have. */
  static JsonObject parse(JsonObject body) {
    List<AppException.FieldError> errors = new ArrayList<>();
    JsonObject session = body.getJsonObject("session");
    JsonObject out = new JsonObject();
    out.put("session", new JsonObject().put("type", session.getString("type")).put("modality", session.getString("modality"))
        .put("startsAt", startsAt(session.getString("startsAt"), errors)).put("durationMinutes", session.getInteger("durationMinutes")));
    out.put("strengths", pairs(body.getJsonArray("strengths"), "text", "example"));
    out.put("wins", texts(body.getJsonArray("wins")));
    out.put("growthGoals", pairs(body.getJsonArray("growthGoals"), "text", "domain"));
    out.put("roleClarityNotes", stripped(body.getString("roleClarityNotes"), ""));
    out.put("challenges", stripped(body.getString("challenges"), ""));
    out.put("wellbeing", stripped(body.getString("wellbeing"), null));
    out.put("actionItems", actionItems(body.getJsonArray("actionItems"), errors));
    out.put("itemDecisions", decisions(body.getJsonArray("itemDecisions"), errors));
    JsonObject rc = body.getJsonObject("roleClarity");
    out.put("roleClarity", new JsonObject().put("discussedFlagIds", idsAsSent(rc == null ? null : rc.getJsonArray("discussedFlagIds"))));
    if (!errors.isEmpty()) {
      throw new AppException(ErrorCode.INVALID, errors.get(0).field() + " " + errors.get(0).message(), errors, null);
    }
    return out;
  }

  private static String startsAt(String text, List<AppException.FieldError> errors) {
    try {
      OffsetDateTime at = OffsetDateTime.parse(text);
      if (DateTimes.plausible(at)) {
        return DateTimes.text(at);
      }
      errors.add(new AppException.FieldError("session.startsAt", DateTimes.OUT_OF_RANGE));
    } catch (DateTimeParseException e) {
      errors.add(new AppException.FieldError("session.startsAt", "must be a date-time like 2026-01-31T09:30:00Z"));
    }
    return null;
  }

  private static String stripped(String s, String absent) {
    return s == null ? absent : s.strip();
  }

  private static JsonArray texts(JsonArray raw) {
    JsonArray out = new JsonArray();
    for (int i = 0; raw != null && i < raw.size(); i++) {
      out.add(raw.getString(i).strip());
    }
    return out;
  }

  /** A list of objects each with the two named texts, stripped. */
  private static JsonArray pairs(JsonArray raw, String a, String b) {
    JsonArray out = new JsonArray();
    for (int i = 0; raw != null && i < raw.size(); i++) {
      JsonObject o = raw.getJsonObject(i);
      out.add(new JsonObject().put(a, o.getString(a).strip()).put(b, o.getString(b).strip()));
    }
    return out;
  }

  private static JsonArray actionItems(JsonArray raw, List<AppException.FieldError> errors) {
    JsonArray out = new JsonArray();
    for (int i = 0; raw != null && i < raw.size(); i++) {
      JsonObject o = raw.getJsonObject(i);
      String due = o.getString("dueDate");
      try {
        LocalDate day = LocalDate.parse(due);
        due = day.toString();
        if (!DateTimes.plausible(day)) {
          errors.add(new AppException.FieldError("actionItems[" + i + "].dueDate", DateTimes.OUT_OF_RANGE));
        }
      } catch (DateTimeParseException e) {
        errors.add(new AppException.FieldError("actionItems[" + i + "].dueDate", "must be a date like 2026-01-31"));
      }
      out.add(new JsonObject().put("text", o.getString("text").strip()).put("ownerId", o.getLong("ownerId")).put("dueDate", due));
    }
    return out;
  }

  /** One decision per earlier item: signing records each as a review, and an item is reviewed once. */
  private static JsonArray decisions(JsonArray raw, List<AppException.FieldError> errors) {
    JsonArray out = new JsonArray();
    Map<Long, Integer> seen = new HashMap<>();
    for (int i = 0; raw != null && i < raw.size(); i++) {
      JsonObject o = raw.getJsonObject(i);
      Integer first = seen.putIfAbsent(o.getLong("itemId"), i);
      if (first != null) {
        errors.add(new AppException.FieldError("itemDecisions[" + i + "].itemId",
            "decides the same action item as itemDecisions[" + first + "]: give each item one decision"));
      }
      out.add(new JsonObject().put("itemId", o.getLong("itemId")).put("decision", o.getString("decision")));
    }
    return out;
  }

  /**
   * The ids as sent, each at the position it was sent in: the open-flag check names a bad id by its
   * index in this list, so dropping an earlier duplicate here would name the wrong entry. A repeated id
   * is harmless: signing keeps each discussed flag once.
   */
  private static JsonArray idsAsSent(JsonArray raw) {
    JsonArray out = new JsonArray();
    for (int i = 0; raw != null && i < raw.size(); i++) {
      out.add(((Number) raw.getValue(i)).longValue());
    }
    return out;
  }
}
