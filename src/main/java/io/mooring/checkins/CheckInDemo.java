package io.mooring.checkins;

import io.mooring.people.DemoOrg;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.auth.Role;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Five months of fortnightly check-ins for every demo peer: most steady and in role, Jordan drifting
 * into chores (driving, errands, reception), Maria into clinical work (case management, assessment,
 * and once medication advice). Theo has fallen behind, so his check-in shows as overdue.
 */
public final class CheckInDemo {
  static final int PERIODS = 11;
  static final List<String> IN_ROLE = List.of("lived_experience", "mentoring_hope", "self_advocacy", "own_goals",
      "teaching_skills", "connecting_resources", "peer_groups", "bridging_colleagues");
  static final List<String> CHORES = List.of("driving", "errands", "reception", "filing");
  static final List<String> CLINICAL = List.of("case_management", "clinical_assessment", "professional_advice", "enforcing_rules");

  private CheckInDemo() {}

  public static Future<Void> load(CheckInService checkins, DemoOrg org) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<String, Person> e : org.people().entrySet()) {
      Person p = e.getValue();
      if (!p.has(Role.PEER)) {
        continue;
      }
      CurrentUser me = new CurrentUser(p.id(), p.orgId(), p.email(), p.displayName(), p.roles(), null, null);
      Random random = new Random(e.getKey().hashCode());
      int skip = e.getKey().equals("theo") ? 2 : 0;
      for (int i = 0; i < PERIODS - skip; i++) {
        int period = i;
        LocalDate end = CheckInService.today().minusDays(3L + 14L * (PERIODS - 1 - i));
        chain = chain.compose(v -> checkins.create(me, checkIn(e.getKey(), period, end, random)).mapEmpty());
      }
    }
    return chain;
  }

  static NewCheckIn checkIn(String handle, int i, LocalDate end, Random random) {
    boolean jordan = handle.equals("jordan");
    boolean maria = handle.equals("maria");
    int drift = jordan ? 4 + i * 5 : maria ? 3 + i * 4 : 2 + random.nextInt(8);
    List<String> driftCodes = jordan ? CHORES : maria ? CLINICAL : List.of("filing", "professional_advice");
    Map<String, Double> amounts = new LinkedHashMap<>();
    amounts.put("supervision_training", 7.0);
    amounts.put("documentation_meetings", 8.0);
    spread(amounts, driftCodes, drift);
    if (maria && i == 7) {
      amounts.merge(Instrument.MEDICATION, 2.0, Double::sum);
      amounts.merge("case_management", -2.0, Double::sum);
    }
    spread(amounts, IN_ROLE.subList(0, 4 + random.nextInt(4)), 100 - 15 - drift);
    boolean drifting = (jordan || maria) && i >= 6;
    Map<String, Integer> pulses = Map.of(Instrument.OUTSIDE_ROLE, drifting ? 4 + (i % 2) : 1 + random.nextInt(2),
        Instrument.INCLUDED, maria && i >= 8 ? 2 : 3 + random.nextInt(3), Instrument.SUPPORTED, 3 + random.nextInt(3),
        Instrument.UNDERSTOOD, jordan && i >= 5 ? 2 : 3 + random.nextInt(3));
    return new NewCheckIn(end, "percent", amounts, pulses, reflection(handle, i, drifting), drifting && i % 3 == 0,
        handle.equals("sam") || maria || (jordan && i >= 4), handle.equals("aisha") || (maria && i >= 9));
  }

  /** Splits whole percent points across codes, the remainder to the first. */
  private static void spread(Map<String, Double> amounts, List<String> codes, int points) {
    int each = points / codes.size();
    for (int k = 0; k < codes.size(); k++) {
      double v = each + (k == 0 ? points - each * codes.size() : 0);
      if (v > 0) {
        amounts.merge(codes.get(k), v, Double::sum);
      }
    }
  }

  private static String reflection(String handle, int i, boolean drifting) {
    if (handle.equals("jordan") && drifting) {
      return "I was asked to drive the van and cover the front desk again. Less time for groups than I want.";
    }
    if (handle.equals("maria") && drifting) {
      return "The team keeps asking me to do intakes and manage cases. I am not sure where my role ends.";
    }
    return i % 4 == 0 ? "A good fortnight. Shared my story at the wellness group and it landed." : null;
  }
}
