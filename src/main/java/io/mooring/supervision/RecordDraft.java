package io.mooring.supervision;

import io.mooring.platform.http.DateTimes;
import io.mooring.platform.http.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Set;

/**
 * Reads a draft record body into its normalized form (anything partial is fine: completeness is
 * {@link RecordContent#requireComplete}, checked when the supervisor signs).
 */
final class RecordDraft {
  private static final int TEXT = 4000;
  private static final int ITEMS = 30;

  private RecordDraft() {}

  /** Validates the shape of a whole draft body and returns it normalized; completeness is checked at finalization. */
  static JsonObject parse(Input in) {
    in.only(RecordContent.FIELDS);
    JsonObject out = new JsonObject();
    Input s = in.object("session");
    OffsetDateTime startsAt = s.optionalDateTime("startsAt");
    out.put("session", new JsonObject()
        .put("type", s.oneOf("type", RecordContent.SESSION_TYPES)).put("modality", s.oneOf("modality", RecordContent.MODALITIES))
        .put("startsAt", DateTimes.text(startsAt))
        .put("durationMinutes", s.integer("durationMinutes", 10, 480)));
    if (startsAt == null) {
      in.fail("session.startsAt", "is required");
    }
    out.put("strengths", objects(in, "strengths", "text", "example"));
    out.put("wins", strings(in, "wins"));
    JsonArray goals = objects(in, "growthGoals", "text", "domain");
    for (int i = 0; i < goals.size(); i++) {
      if (!RecordContent.DOMAINS.contains(goals.getJsonObject(i).getString("domain"))) {
        in.fail("growthGoals[" + i + "].domain", "must be one of the six NCPS domains");
      }
    }
    out.put("growthGoals", goals);
    out.put("roleClarityNotes", orEmpty(in.optionalString("roleClarityNotes", TEXT)));
    out.put("challenges", orEmpty(in.optionalString("challenges", TEXT)));
    out.put("wellbeing", in.optionalString("wellbeing", TEXT));
    out.put("actionItems", actionItems(in));
    out.put("itemDecisions", decisions(in));
    out.put("roleClarity", new JsonObject().put("discussedFlagIds", discussedFlags(in)));
    in.check();
    return out;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static JsonArray strings(Input in, String field) {
    return new JsonArray(new ArrayList<Object>(in.stringList(field, ITEMS, TEXT, null)));
  }

  /** A list of objects each with the two named non-empty text fields (and nothing else). */
  private static JsonArray objects(Input in, String field, String a, String b) {
    JsonArray raw = in.optionalArray(field, ITEMS);
    JsonArray out = new JsonArray();
    for (int i = 0; raw != null && i < raw.size(); i++) {
      String at = field + "[" + i + "]";
      if (!(raw.getValue(i) instanceof JsonObject o) || !Set.of(a, b).containsAll(o.fieldNames())) {
        in.fail(at, "must be an object with " + a + " and " + b);
        continue;
      }
      out.add(new JsonObject().put(a, text(in, o, at + "." + a, a)).put(b, text(in, o, at + "." + b, b)));
    }
    return out;
  }

  private static String text(Input in, JsonObject o, String name, String key) {
    Object v = o.getValue(key);
    if (!(v instanceof String s) || s.isBlank() || s.codePointCount(0, s.length()) > TEXT) {
      in.fail(name, "must be non-empty text of at most " + TEXT + " characters");
      return "";
    }
    return s.strip();
  }

  private static JsonArray actionItems(Input in) {
    JsonArray raw = in.optionalArray("actionItems", ITEMS);
    JsonArray out = new JsonArray();
    for (int i = 0; raw != null && i < raw.size(); i++) {
      String at = "actionItems[" + i + "]";
      if (!(raw.getValue(i) instanceof JsonObject o) || !Set.of("text", "ownerId", "dueDate").containsAll(o.fieldNames())) {
        in.fail(at, "must be an object with text, ownerId and dueDate");
        continue;
      }
      Object owner = o.getValue("ownerId");
      if (!(owner instanceof Number n) || n.longValue() <= 0) {
        in.fail(at + ".ownerId", "must be a person's id");
      }
      String due = o.getValue("dueDate") instanceof String d ? d : null;
      try {
        due = due == null ? null : LocalDate.parse(due).toString();
      } catch (DateTimeParseException e) {
        in.fail(at + ".dueDate", "must be a date like 2026-01-31");
      }
      if (due == null) {
        in.fail(at + ".dueDate", "is required");
      }
      out.add(new JsonObject().put("text", text(in, o, at + ".text", "text"))
          .put("ownerId", owner instanceof Number n ? n.longValue() : null).put("dueDate", due));
    }
    return out;
  }

  private static JsonArray discussedFlags(Input in) {
    Input rc = in.object("roleClarity").only("discussedFlagIds");
    JsonArray raw = rc.optionalArray("discussedFlagIds", 50);
    JsonArray out = new JsonArray();
    for (int i = 0; raw != null && i < raw.size(); i++) {
      if (!(raw.getValue(i) instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != n.longValue()) {
        rc.fail("discussedFlagIds[" + i + "]", "must be a drift flag's id");
      } else if (!out.contains(n.longValue())) {
        out.add(n.longValue());
      }
    }
    return out;
  }

  private static JsonArray decisions(Input in) {
    JsonArray raw = in.optionalArray("itemDecisions", 200);
    JsonArray out = new JsonArray();
    for (int i = 0; raw != null && i < raw.size(); i++) {
      String at = "itemDecisions[" + i + "]";
      if (!(raw.getValue(i) instanceof JsonObject o) || !(o.getValue("itemId") instanceof Number id)
          || !(o.getValue("decision") instanceof String d) || !RecordContent.DECISIONS.contains(d) || o.size() != 2) {
        in.fail(at, "must be {itemId, decision: done|dropped|carried}");
        continue;
      }
      out.add(new JsonObject().put("itemId", id.longValue()).put("decision", o.getString("decision")));
    }
    return out;
  }
}
