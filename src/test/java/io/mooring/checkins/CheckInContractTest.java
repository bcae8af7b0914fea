package io.mooring.checkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.platform.http.ApiContract;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the check-in and rating bodies are read by one Java reader shared by the page form and the API
 * (CheckInInput), while the API is first validated by the contract. The two say the same fields and limits here,
 * so an API caller can never be let through by one and refused by the other for shape.
 */
class CheckInContractTest {
  private static final JsonObject SCHEMAS = ApiContract.assembleFromResources().getJsonObject("components").getJsonObject("schemas");

  @Test
  void theCheckInBodyHasTheReadersFieldsUnitsAndReflectionLimit() {
    JsonObject body = SCHEMAS.getJsonObject("CheckinsNewCheckIn");
    assertEquals(sorted(List.of(CheckInInput.CHECK_IN_FIELDS)), sorted(body.getJsonObject("properties").fieldNames()));
    assertEquals(sorted(CheckInInput.UNITS), sorted(body.getJsonObject("properties").getJsonObject("unit").getJsonArray("enum").getList()));
    assertEquals(CheckInInput.MAX_REFLECTION, body.getJsonObject("properties").getJsonObject("reflection").getInteger("maxLength"));
    assertEquals(Set.of("unit", "activities", "pulses"), sorted(body.getJsonArray("required").getList()));
  }

  @Test
  void theRatingBodyHasTheReadersFieldsAndUnits() {
    JsonObject body = SCHEMAS.getJsonObject("CheckinsRatingInput");
    assertEquals(sorted(List.of(CheckInInput.RATING_FIELDS)), sorted(body.getJsonObject("properties").fieldNames()));
    assertEquals(sorted(CheckInInput.UNITS), sorted(body.getJsonObject("properties").getJsonObject("unit").getJsonArray("enum").getList()));
    assertEquals(sorted(List.of(CheckInInput.RATING_FIELDS)), sorted(body.getJsonArray("required").getList()));
  }

  @Test
  void activitiesAndPulsesAreTheCurrentInstrumentsWithTheReadersRanges() {
    JsonObject activities = SCHEMAS.getJsonObject("CheckinsActivities").getJsonObject("properties");
    assertEquals(sorted(Instrument.CURRENT.categoryOf().keySet()), sorted(activities.fieldNames()));
    activities.forEach(a -> {
      JsonObject schema = (JsonObject) a.getValue();
      assertEquals(0, schema.getInteger("minimum"), a.getKey());
      // Percent's 100 depends on the unit beside it, a rule across fields that stays in Java; hours' bound is the schema's.
      assertEquals(CheckInInput.MAX_HOURS, schema.getDouble("maximum"), a.getKey());
    });
    JsonObject pulses = SCHEMAS.getJsonObject("CheckinsPulses");
    Set<String> codes = sorted(Instrument.CURRENT.pulses().stream().map(Instrument.Pulse::code).toList());
    assertEquals(codes, sorted(pulses.getJsonObject("properties").fieldNames()));
    assertEquals(codes, sorted(pulses.getJsonArray("required").getList()));
    pulses.getJsonObject("properties").forEach(p -> {
      assertEquals(CheckInInput.MIN_PULSE, ((JsonObject) p.getValue()).getInteger("minimum"), p.getKey());
      assertEquals(CheckInInput.MAX_PULSE, ((JsonObject) p.getValue()).getInteger("maximum"), p.getKey());
    });
  }

  private static Set<String> sorted(java.util.Collection<?> values) {
    Set<String> out = new TreeSet<>();
    values.forEach(v -> out.add(String.valueOf(v)));
    return out;
  }
}
