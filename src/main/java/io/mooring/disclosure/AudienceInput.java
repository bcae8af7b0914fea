package io.mooring.disclosure;

import io.mooring.platform.http.DateTimes;
import io.mooring.platform.http.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code {"audiences": [{"type": "person", "userId": 7, "expiresAt": "2026-12-31"}, ...]}}.
 * A bare date expires at the end of that day (UTC). Problems are collected in the Input, each named.
 */
final class AudienceInput {
  static final int MAX = 50;

  private AudienceInput() {}

  static List<Grant> read(Input in, OffsetDateTime now) {
    in.only("audiences");
    JsonArray arr = in.optionalArray("audiences", MAX);
    List<Grant> out = new ArrayList<>();
    if (arr == null) {
      if (!in.has("audiences")) {
        in.fail("audiences", "is required (an empty list means only me)");
      }
      return out;
    }
    for (int i = 0; i < arr.size(); i++) {
      String at = "audiences[" + i + "]";
      if (!(arr.getValue(i) instanceof JsonObject o)) {
        in.fail(at, "must be an object");
        continue;
      }
      Grant g = one(in, at, o, now);
      if (g != null && !out.contains(g)) {
        out.add(g);
      }
    }
    return out;
  }

  private static Grant one(Input in, String at, JsonObject o, OffsetDateTime now) {
    Object type = o.getValue("type");
    Audience a = type instanceof String s ? Audience.find(s).orElse(null) : null;
    if (a == null) {
      in.fail(at + ".type", "must be one of " + String.join(", ", Audience.NAMES));
      return null;
    }
    boolean ok = true;
    for (String k : o.fieldNames()) {
      if (!k.equals("type") && !k.equals("expiresAt") && !k.equals(a.targetField)) {
        in.fail(at + "." + k, "is not a known field for audience " + a.dbName());
        ok = false;
      }
    }
    Long target = null;
    if (a.hasTarget()) {
      Object v = o.getValue(a.targetField);
      if (!(v instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
        in.fail(at + "." + a.targetField, "must be a positive id");
        ok = false;
      } else {
        target = n.longValue();
      }
    }
    OffsetDateTime expires = expiry(in, at + ".expiresAt", o.getValue("expiresAt"), now);
    return ok ? new Grant(a, target, expires) : null;
  }

  private static OffsetDateTime expiry(Input in, String field, Object v, OffsetDateTime now) {
    if (v == null || (v instanceof String s && s.isBlank())) {
      return null;
    }
    OffsetDateTime t = v instanceof String s ? parse(s.strip()) : null;
    if (t == null) {
      in.fail(field, "must be a date like 2026-12-31 or a date-time like 2026-12-31T17:00:00Z");
    } else if (!DateTimes.plausible(t)) {
      in.fail(field, DateTimes.OUT_OF_RANGE);
      return null;
    } else if (!t.isAfter(now)) {
      in.fail(field, "must be in the future");
    }
    return t;
  }

  private static OffsetDateTime parse(String s) {
    try {
      return OffsetDateTime.parse(s);
    } catch (DateTimeParseException e) {
      try {
        LocalDate day = LocalDate.parse(s);
        // The end of the last plausible day is the first moment of the next year: judge the date as written.
        return (DateTimes.plausible(day) ? day.plusDays(1) : day).atStartOfDay().atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
