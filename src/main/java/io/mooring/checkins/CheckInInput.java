package io.mooring.checkins;

import io.mooring.platform.http.Input;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads a check-in (or a supervisor rating) from JSON against the current instrument, naming every bad field. */
final class CheckInInput {
  static final Set<String> UNITS = Set.of("percent", "hours");
  static final double MAX_HOURS = 400;
  static final int MAX_REFLECTION = 4000;
  static final int MAX_BACKDATE_DAYS = 366;
  static final int MIN_PULSE = 1;
  static final int MAX_PULSE = 5;
  // The page form and the API share this reader; the API contract (CheckinsNewCheckIn, CheckinsRatingInput) says the
  // same fields and limits, and CheckInContractTest keeps the two equal so they cannot disagree.
  static final String[] CHECK_IN_FIELDS = {"periodEnd", "unit", "activities", "pulses", "reflection", "discuss", "shareAnswers",
      "shareReflection"};
  static final String[] RATING_FIELDS = {"unit", "activities"};

  private CheckInInput() {}

  static NewCheckIn checkIn(JsonObject json) {
    Input in = Input.of(json);
    in.only(CHECK_IN_FIELDS);
    LocalDate periodEnd = periodEnd(in);
    String unit = in.oneOf("unit", UNITS);
    Map<String, Double> amounts = activities(in, unit);
    Map<String, Integer> pulses = pulses(in);
    String reflection = in.optionalString("reflection", MAX_REFLECTION);
    boolean discuss = in.bool("discuss", false);
    boolean shareAnswers = in.bool("shareAnswers", false);
    boolean shareReflection = in.bool("shareReflection", false);
    in.check();
    return new NewCheckIn(periodEnd, unit, amounts, pulses, reflection == null || reflection.isBlank() ? null : reflection,
        discuss, shareAnswers, shareReflection);
  }

  record Rating(String unit, Map<String, Double> amounts) {}

  static Rating rating(JsonObject json) {
    Input in = Input.of(json);
    in.only(RATING_FIELDS);
    String unit = in.oneOf("unit", UNITS);
    Map<String, Double> amounts = activities(in, unit);
    in.check();
    return new Rating(unit, amounts);
  }

  record Sharing(Boolean shareAnswers, Boolean shareReflection) {}

  /** API only (the page builds its Sharing from checkboxes); shape is the contract's, CheckinsSharing. */
  static Sharing sharing(JsonObject json) {
    return new Sharing(json.getBoolean("shareAnswers"), json.getBoolean("shareReflection"));
  }

  private static LocalDate periodEnd(Input in) {
    LocalDate d = in.optionalDate("periodEnd");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    if (d != null && d.isAfter(today.plusDays(1))) {
      in.fail("periodEnd", "must not be in the future");
    } else if (d != null && d.isBefore(today.minusDays(MAX_BACKDATE_DAYS))) {
      in.fail("periodEnd", "must be within the last year");
    }
    return d;
  }

  /** Activity amounts keyed by code; missing activities count as no time. */
  private static Map<String, Double> activities(Input in, String unit) {
    if (!in.has("activities")) {
      in.fail("activities", "is required");
      return Map.of();
    }
    Input acts = in.object("activities");
    boolean hours = "hours".equals(unit);
    double max = hours ? MAX_HOURS : 100;
    Map<String, Double> out = new LinkedHashMap<>();
    for (String code : acts.raw().fieldNames()) {
      Object v = acts.raw().getValue(code);
      if (!Instrument.CURRENT.isActivity(code)) {
        acts.fail(code, "is not an activity of instrument v" + Instrument.CURRENT.version());
      } else if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        acts.fail(code, "must be a number");
      } else if (n.doubleValue() < 0 || n.doubleValue() > max) {
        acts.fail(code, "must be between 0 and " + (long) max);
      } else {
        out.put(code, n.doubleValue());
      }
    }
    if (!acts.ok() || unit == null) {
      return out;
    }
    double total = out.values().stream().mapToDouble(Double::doubleValue).sum();
    if (!hours && Math.abs(total - 100) > 0.05) {
      in.fail("activities", "must total 100 percent (they total " + CheckInScoring.fmt(Math.round(total * 10) / 10.0) + ")");
    } else if (hours && (total <= 0 || total > MAX_HOURS)) {
      in.fail("activities", "must total more than 0 and at most " + (long) MAX_HOURS + " hours");
    }
    return out;
  }

  private static Map<String, Integer> pulses(Input in) {
    if (!in.has("pulses")) {
      in.fail("pulses", "is required");
      return Map.of();
    }
    Input ps = in.object("pulses");
    for (String code : ps.raw().fieldNames()) {
      if (!Instrument.CURRENT.isPulse(code)) {
        ps.fail(code, "is not a pulse question of instrument v" + Instrument.CURRENT.version());
      }
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Instrument.Pulse p : Instrument.CURRENT.pulses()) {
      Integer v = ps.integer(p.code(), MIN_PULSE, MAX_PULSE);
      if (v != null) {
        out.put(p.code(), v);
      }
    }
    return out;
  }
}
