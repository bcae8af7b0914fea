package io.mooring.supervision;

import io.mooring.platform.web.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Supervision facts said in words for pages: a drift summary, flag groups, a schedule, a record's status. */
public final class SupervisionText {
  private SupervisionText() {}

  /** Open drift flags of one kind: ticking the group marks every one of them discussed. */
  public record FlagGroup(String kind, String label, List<Long> ids, String latestDetail) {
    public String idList() {
      return String.join(",", ids.stream().map(String::valueOf).toList());
    }
  }

  public static List<FlagGroup> flagGroups(List<JsonObject> flags) {
    Map<String, List<JsonObject>> byKind = new LinkedHashMap<>();
    flags.forEach(f -> byKind.computeIfAbsent(f.getString("kind", "other"), k -> new ArrayList<>()).add(f));
    List<FlagGroup> out = new ArrayList<>();
    byKind.forEach((kind, list) -> out.add(new FlagGroup(kind, words(kind), list.stream().map(f -> f.getLong("id")).toList(),
        list.get(list.size() - 1).getString("detail", ""))));
    return out;
  }

  /** The peer's shared check-in as sentences, never as JSON; what the peer did not share is simply absent. */
  public static List<String> driftLines(Object summary, ZoneId zone) {
    List<String> out = new ArrayList<>();
    if (!(summary instanceof JsonObject s)) {
      return out;
    }
    out.add("Check-in for the period ending " + Times.day(s.getString("periodEnd")) + ", sent " + Times.when(zone, s.getString("createdAt")) + ".");
    out.add("Role-drift score: " + Math.round(s.getDouble("score", 0.0)) + " (the share of time spent outside the peer role).");
    JsonArray flags = s.getJsonArray("flags", new JsonArray());
    if (!flags.isEmpty()) {
      List<String> kinds = new ArrayList<>();
      flags.forEach(f -> kinds.add(words(((JsonObject) f).getString("kind"))));
      out.add("Flags raised by this check-in: " + String.join(", ", kinds) + ".");
    }
    if (s.getBoolean("discuss", false)) {
      out.add("Would like to talk about it in supervision.");
    }
    JsonObject answers = s.getJsonObject("answers");
    if (answers != null) {
      out.add("Time spent: " + percentages(answers.getJsonObject("shares", new JsonObject())) + ".");
    }
    if (s.getString("reflection") != null && !s.getString("reflection").isBlank()) {
      out.add("Reflection: " + s.getString("reflection"));
    }
    return out;
  }

  private static String percentages(JsonObject shares) {
    List<String> parts = new ArrayList<>();
    shares.forEach(e -> parts.add(words(e.getKey()) + " " + Math.round(((Number) e.getValue()).doubleValue()) + "%"));
    return parts.isEmpty() ? "not given" : String.join(", ", parts);
  }

  /** A stored schedule rule in words ("every 2 weeks"); a custom rule is shown as written. */
  public static String cadence(String rrule) {
    return switch (rrule == null ? "" : rrule) {
      case "FREQ=WEEKLY" -> "every week";
      case "FREQ=WEEKLY;INTERVAL=2" -> "every 2 weeks";
      case "FREQ=MONTHLY" -> "every month";
      default -> "custom rule " + rrule;
    };
  }

  /** The cadence choice that gives this rule, for the editor. */
  public static String cadenceKey(String rrule) {
    return switch (rrule == null ? "FREQ=WEEKLY" : rrule) {
      case "FREQ=WEEKLY" -> "weekly";
      case "FREQ=WEEKLY;INTERVAL=2" -> "biweekly";
      case "FREQ=MONTHLY" -> "monthly";
      default -> "custom";
    };
  }

  public static String status(String recordStatus) {
    return switch (recordStatus) {
      case "draft" -> "being written";
      case "finalized" -> "signed, waiting for acknowledgement";
      case "acknowledged" -> "acknowledged";
      default -> recordStatus;
    };
  }

  /** Booked for a later day than today in the organization's zone: holding it now would be a choice, not a click. */
  public static boolean laterDay(ZoneId zone, OffsetDateTime startsAt) {
    return startsAt != null && startsAt.atZoneSameInstant(zone).toLocalDate().isAfter(java.time.LocalDate.now(zone));
  }

  public static String words(String code) {
    if (code == null || code.isEmpty()) {
      return "";
    }
    String w = code.replace('_', ' ');
    return w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
  }
}
