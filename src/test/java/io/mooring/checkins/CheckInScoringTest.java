package io.mooring.checkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckInScoringTest {
  static final Map<String, Integer> CALM = Map.of(Instrument.OUTSIDE_ROLE, 1, Instrument.INCLUDED, 4,
      Instrument.SUPPORTED, 4, Instrument.UNDERSTOOD, 4);

  static List<String> kinds(List<CheckInScoring.Flag> flags) {
    return flags.stream().map(CheckInScoring.Flag::kind).toList();
  }

  @Test
  void hoursAreConvertedToSharesOfTheTotal() {
    var shares = CheckInScoring.shares(Map.of("lived_experience", 30.0, "filing", 10.0, "driving", 0.0));
    assertEquals(75.0, shares.get("lived_experience"), 1e-9);
    assertEquals(25.0, shares.get("filing"), 1e-9);
    assertFalse(shares.containsKey("driving"), "activities with no time are left out");
  }

  @Test
  void scoreIsDriftOverDirectPlusDriftTimeWithIndirectLeftOut() {
    // 40 in role, 20 indirect, 25 clinical, 15 chores: drift 40 of 80 counted = 50
    var shares = Map.of("mentoring_hope", 40.0, "supervision_training", 20.0, "case_management", 25.0, "cleaning", 15.0);
    assertEquals(50.0, CheckInScoring.score(Instrument.V1, shares));
    assertEquals(0.0, CheckInScoring.score(Instrument.V1, Map.of("supervision_training", 60.0, "documentation_meetings", 40.0)));
    assertEquals(100.0, CheckInScoring.score(Instrument.V1, Map.of("driving", 100.0)));
    assertEquals(0.0, CheckInScoring.score(Instrument.V1, Map.of("peer_groups", 100.0)));
  }

  @Test
  void scoreIsRoundedToOneDecimal() {
    assertEquals(33.3, CheckInScoring.score(Instrument.V1, Map.of("peer_groups", 2.0, "errands", 1.0)));
  }

  @Test
  void thresholdFlagIsStrictlyAbove() {
    assertFalse(kinds(CheckInScoring.flags(Map.of(), CALM, 25.0, 25, List.of(), false)).contains("threshold"));
    assertTrue(kinds(CheckInScoring.flags(Map.of(), CALM, 25.1, 25, List.of(), false)).contains("threshold"));
    assertTrue(kinds(CheckInScoring.flags(Map.of(), CALM, 11, 10, List.of(), false)).contains("threshold"));
  }

  @Test
  void risingMeansThreeIncreasesInARow() {
    assertTrue(CheckInScoring.rising(List.of(5.0, 8.0, 12.0), 15.0));
    assertTrue(CheckInScoring.rising(List.of(50.0, 1.0, 2.0, 3.0).subList(1, 4), 4.0));
    assertFalse(CheckInScoring.rising(List.of(8.0, 12.0), 15.0), "needs three earlier check-ins");
    assertFalse(CheckInScoring.rising(List.of(5.0, 8.0, 8.0), 15.0), "a flat step breaks the run");
    assertFalse(CheckInScoring.rising(List.of(5.0, 8.0, 12.0), 12.0));
    assertTrue(kinds(CheckInScoring.flags(Map.of(), CALM, 4, 25, List.of(1.0, 2.0, 3.0), false)).contains("rising"));
  }

  @Test
  void anyMedicationTimeIsAlwaysFlaggedEvenUnderTheThreshold() {
    var shares = CheckInScoring.shares(Map.of("peer_groups", 99.0, Instrument.MEDICATION, 1.0));
    double score = CheckInScoring.score(Instrument.V1, shares);
    assertEquals(1.0, score);
    List<String> k = kinds(CheckInScoring.flags(shares, CALM, score, 25, List.of(), false));
    assertEquals(List.of("medication"), k);
  }

  @Test
  void pulsesRaiseFlagsAtTheirDocumentedLevels() {
    var worried = Map.of(Instrument.OUTSIDE_ROLE, 4, Instrument.INCLUDED, 2, Instrument.SUPPORTED, 2, Instrument.UNDERSTOOD, 1);
    assertEquals(List.of("asked_outside_role", "not_supported", "not_included", "role_misunderstood"),
        kinds(CheckInScoring.flags(Map.of(), worried, 0, 25, List.of(), false)));
    var fine = Map.of(Instrument.OUTSIDE_ROLE, 3, Instrument.INCLUDED, 3, Instrument.SUPPORTED, 3, Instrument.UNDERSTOOD, 3);
    assertEquals(List.of(), kinds(CheckInScoring.flags(Map.of(), fine, 0, 25, List.of(), false)));
  }

  @Test
  void askingToDiscussIsAFlagForSupervision() {
    assertEquals(List.of("discuss"), kinds(CheckInScoring.flags(Map.of(), CALM, 0, 25, List.of(), true)));
  }

  @Test
  void theInstrumentDocumentsItsFormulaAndCodes() {
    var json = Instrument.V1.toJson();
    assertEquals(1, json.getInteger("version"));
    assertTrue(json.getString("scoreFormula").contains("clinical_drift and chores"));
    assertEquals(4, json.getJsonArray("categories").size());
    assertEquals(4, json.getJsonArray("pulses").size());
    assertEquals("clinical_drift", Instrument.V1.categoryOf().get(Instrument.MEDICATION));
    assertEquals(20, Instrument.V1.categoryOf().size());
  }

  @Test
  void theChartPlacesScoresOldestFirst() {
    var a = new CheckIn(1, 1, 1, 1, java.time.LocalDate.of(2026, 1, 1), "percent", null, null, null, null, false, false, false,
        0, java.time.OffsetDateTime.now(), List.of());
    var b = new CheckIn(2, 1, 1, 1, java.time.LocalDate.of(2026, 1, 15), "percent", null, null, null, null, false, false, false,
        100, java.time.OffsetDateTime.now(), List.of());
    TrendChart chart = TrendChart.of("t", List.of(b, a), 25);
    assertEquals("2026-01-01", chart.points().get(0).date());
    assertTrue(chart.points().get(0).y() > chart.points().get(1).y(), "higher score is drawn higher");
    assertEquals(TrendChart.LEFT, chart.points().get(0).x());
  }
}
