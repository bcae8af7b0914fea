package io.mooring.checkins;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/** When the next check-in is due, from the last period and the organization's cadence. */
public record Due(LocalDate lastPeriodEnd, LocalDate dueOn, String state) {

  public static Due of(LocalDate last, int cadenceDays, LocalDate today) {
    if (last == null) {
      return new Due(null, today, "never");
    }
    LocalDate dueOn = last.plusDays(cadenceDays);
    String state = today.isAfter(dueOn) ? "overdue" : today.isEqual(dueOn) ? "due" : "ok";
    return new Due(last, dueOn, state);
  }

  public boolean needsCheckIn() {
    return !state.equals("ok");
  }

  public String label() {
    switch (state) {
      case "never": return "No check-in yet";
      case "overdue": return "Overdue since " + dueOn;
      case "due": return "Due today";
      default: return "Next due " + dueOn;
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("lastPeriodEnd", lastPeriodEnd == null ? null : lastPeriodEnd.toString())
        .put("dueOn", dueOn.toString()).put("state", state);
  }
}
