package io.mooring.checkins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pure scoring: shares, the drift score and flags, exactly as {@link Instrument#scoreFormula()} documents them. */
public final class CheckInScoring {
  public static final int PULSE_HIGH = 4;
  public static final int PULSE_LOW = 2;

  private CheckInScoring() {}

  public record Flag(String kind, String detail) {}

  /**
   * Kinds that restate the peer's answers (a pulse, or time on one activity) rather than the drift score
   * or the discuss request, which a supervisor always sees. The one rule for every supervisor-facing path
   * (check-ins, trends, pages, supervision's dashboard and records through DriftSummaries):
   * {@link #supervisorSees}. The notice names no kinds at all, since its title outlives a sharing change.
   */
  static final Set<String> FROM_ANSWERS = Set.of("medication", "asked_outside_role", "not_supported", "not_included",
      "role_misunderstood");

  /** Whether a supervisor may see a flag of this kind on a check-in whose answers are or are not shared now. */
  public static boolean supervisorSees(String kind, boolean answersShared) {
    return answersShared || !FROM_ANSWERS.contains(kind);
  }

  /** Percent of total time per activity (entries with no time are left out). */
  public static Map<String, Double> shares(Map<String, Double> amounts) {
    double total = amounts.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Double> out = new LinkedHashMap<>();
    if (total <= 0) {
      return out;
    }
    amounts.forEach((code, v) -> {
      if (v > 0) {
        out.put(code, 100.0 * v / total);
      }
    });
    return out;
  }

  /** Drift score 0..100 over direct and drift time (indirect work excluded), one decimal. */
  public static double score(Instrument instrument, Map<String, Double> shares) {
    Map<String, String> categoryOf = instrument.categoryOf();
    double drift = 0;
    double counted = 0;
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      String cat = categoryOf.get(e.getKey());
      if (cat == null || cat.equals(Instrument.INDIRECT)) {
        continue;
      }
      counted += e.getValue();
      if (cat.equals(Instrument.CLINICAL_DRIFT) || cat.equals(Instrument.CHORES)) {
        drift += e.getValue();
      }
    }
    return counted <= 0 ? 0.0 : Math.round(1000.0 * drift / counted) / 10.0;
  }

  /** Three increases in a row: the three previous scores (oldest first) and this one strictly rising. */
  public static boolean rising(List<Double> previousOldestFirst, double score) {
    int n = previousOldestFirst.size();
    if (n < 3) {
      return false;
    }
    double a = previousOldestFirst.get(n - 3);
    double b = previousOldestFirst.get(n - 2);
    double c = previousOldestFirst.get(n - 1);
    return a < b && b < c && c < score;
  }

  public static List<Flag> flags(Map<String, Double> shares, Map<String, Integer> pulses, double score, int threshold,
                                 List<Double> previousOldestFirst, boolean discuss) {
    List<Flag> out = new ArrayList<>();
    if (score > threshold) {
      out.add(new Flag("threshold", "Drift score " + fmt(score) + " is above the organization's threshold of " + threshold + "."));
    }
    if (rising(previousOldestFirst, score)) {
      out.add(new Flag("rising", "Drift score has risen three check-ins in a row."));
    }
    if (shares.getOrDefault(Instrument.MEDICATION, 0.0) > 0) {
      out.add(new Flag("medication", "Time was spent encouraging or discouraging medication, which peers must not do."));
    }
    if (pulses.getOrDefault(Instrument.OUTSIDE_ROLE, 1) >= PULSE_HIGH) {
      out.add(new Flag("asked_outside_role", "Often asked to act outside the peer role."));
    }
    if (pulses.getOrDefault(Instrument.SUPPORTED, 5) <= PULSE_LOW) {
      out.add(new Flag("not_supported", "Did not feel supported by supervision."));
    }
    if (pulses.getOrDefault(Instrument.INCLUDED, 5) <= PULSE_LOW) {
      out.add(new Flag("not_included", "Did not feel included as a member of the team."));
    }
    if (pulses.getOrDefault(Instrument.UNDERSTOOD, 5) <= PULSE_LOW) {
      out.add(new Flag("role_misunderstood", "Colleagues do not understand the peer role."));
    }
    if (discuss) {
      out.add(new Flag("discuss", "Asked to talk about this check-in at the next supervision."));
    }
    return out;
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
