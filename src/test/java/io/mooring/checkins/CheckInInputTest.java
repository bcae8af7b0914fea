package io.mooring.checkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.http.AppException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckInInputTest {
  static JsonObject pulses() {
    return new JsonObject().put("asked_outside_role", 2).put("felt_included", 4).put("felt_supported", 4).put("role_understood", 3);
  }

  static JsonObject valid() {
    return new JsonObject().put("unit", "percent")
        .put("activities", new JsonObject().put("lived_experience", 60).put("filing", 40)).put("pulses", pulses());
  }

  static List<String> fields(JsonObject body) {
    AppException e = assertThrows(AppException.class, () -> CheckInInput.checkIn(body));
    return e.fieldErrors().stream().map(AppException.FieldError::field).toList();
  }

  @Test
  void aValidCheckInParses() {
    NewCheckIn c = CheckInInput.checkIn(valid().put("reflection", "  good fortnight ").put("shareAnswers", true));
    assertEquals(60.0, c.amounts().get("lived_experience"));
    assertEquals("good fortnight", c.reflection());
    assertTrue(c.shareAnswers());
    assertEquals(false, c.shareReflection(), "reflection is private by default");
  }

  @Test
  void unknownActivityCodesAreNamed() {
    JsonObject b = valid();
    b.getJsonObject("activities").put("bogus", 0);
    assertEquals(List.of("activities.bogus"), fields(b));
  }

  @Test
  void percentMustTotalOneHundred() {
    JsonObject b = valid().put("activities", new JsonObject().put("lived_experience", 60).put("filing", 30));
    assertEquals(List.of("activities"), fields(b));
  }

  @Test
  void hoursMayTotalAnythingPositive() {
    NewCheckIn c = CheckInInput.checkIn(valid().put("unit", "hours").put("activities", new JsonObject().put("peer_groups", 7.5)));
    assertEquals(7.5, c.amounts().get("peer_groups"));
    assertEquals(List.of("activities"), fields(valid().put("unit", "hours").put("activities", new JsonObject().put("peer_groups", 0))));
  }

  @Test
  void rangesAndTypesAreChecked() {
    JsonObject b = valid().put("unit", "days").put("activities", new JsonObject().put("filing", -5).put("cleaning", "lots"))
        .put("pulses", pulses().put("felt_supported", 6).put("mood", 3)).put("extra", true);
    List<String> f = fields(b);
    for (String expected : List.of("unit", "activities.filing", "activities.cleaning", "pulses.felt_supported", "pulses.mood", "extra")) {
      assertTrue(f.contains(expected), expected + " missing from " + f);
    }
  }

  @Test
  void everyPulseIsRequired() {
    JsonObject p = pulses();
    p.remove("role_understood");
    assertEquals(List.of("pulses.role_understood"), fields(valid().put("pulses", p)));
  }

  @Test
  void futurePeriodsAreRefused() {
    assertEquals(List.of("periodEnd"), fields(valid().put("periodEnd", java.time.LocalDate.now().plusDays(10).toString())));
  }
}
