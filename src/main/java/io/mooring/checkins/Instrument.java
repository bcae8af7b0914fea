package io.mooring.checkins;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The role-drift instrument, versioned: every check-in stores the version it was answered with, so
 * a later version can add, rename or regroup activities without rewriting anyone's history.
 */
public record Instrument(int version, List<Category> categories, List<Pulse> pulses, String scoreFormula, List<String> flagRules) {

  public static final String IN_ROLE = "in_role";
  public static final String INDIRECT = "indirect";
  public static final String CLINICAL_DRIFT = "clinical_drift";
  public static final String CHORES = "chores";
  public static final String MEDICATION = "medication";

  public static final String OUTSIDE_ROLE = "asked_outside_role";
  public static final String INCLUDED = "felt_included";
  public static final String SUPPORTED = "felt_supported";
  public static final String UNDERSTOOD = "role_understood";

  public record Activity(String code, String label, String description) {}

  public record Category(String code, String label, String description, boolean drift, List<Activity> activities) {}

  public record Pulse(String code, String question, String low, String high) {}

  public static final Instrument V1 = new Instrument(1, List.of(
      new Category(IN_ROLE, "In the peer role", "Work only a peer can do: mutuality and lived experience.", false, List.of(
          new Activity("lived_experience", "Sharing lived experience with purpose", "Telling parts of your own recovery story when it helps the person."),
          new Activity("mentoring_hope", "Mentoring, role modelling, instilling hope", "Being living proof that recovery happens."),
          new Activity("self_advocacy", "Supporting self-advocacy, advocating for the person", "Standing with the person, including toward the program."),
          new Activity("own_goals", "Helping the person set their own goals", "Their goals, in their words — not tasks you assign."),
          new Activity("teaching_skills", "Teaching skills for daily tasks", "Showing how to do it, not doing it for them."),
          new Activity("connecting_resources", "Connecting to resources and community", "Teaching how to find and use resources."),
          new Activity("peer_groups", "Facilitating peer groups", "Mutual-support and recovery groups."),
          new Activity("bridging_colleagues", "Helping colleagues understand the person's perspective", "Bringing the person's voice into the team."))),
      new Category(INDIRECT, "Legitimate indirect work", "Work that supports the role; neither direct peer work nor drift.", false, List.of(
          new Activity("supervision_training", "Supervision, training, continuing education", "Being supervised, learning, certification hours."),
          new Activity("documentation_meetings", "Documentation and team meetings", "Notes and team meetings about your peer work."))),
      new Category(CLINICAL_DRIFT, "Clinical drift", "Clinical or program work that is not the peer role.", true, List.of(
          new Activity("clinical_assessment", "Assessing, diagnosing, treating, clinical intake", "Work that belongs to licensed clinical staff."),
          new Activity("professional_advice", "Giving professional advice", "Telling the person what they should do, as an expert."),
          new Activity("case_management", "Doing case management for the person", "Arranging services for them rather than with them."),
          new Activity("enforcing_rules", "Enforcing program rules, representing the program against the person", "Acting as the program's enforcer."),
          new Activity(MEDICATION, "Encouraging or discouraging medication", "Peers are ethically prohibited from this; any time here is always flagged."))),
      new Category(CHORES, "Non-peer chores", "Tasks that fill time but are not peer support.", true, List.of(
          new Activity("driving", "Routine driving", "Driving the bus or routine transport with no peer purpose."),
          new Activity("errands", "Errands", "Running errands for the program or for people."),
          new Activity("filing", "Filing", "Filing and clerical work."),
          new Activity("cleaning", "Cleaning", "Cleaning and upkeep."),
          new Activity("reception", "Covering reception", "Front desk and phones.")))),
      List.of(
          new Pulse(OUTSIDE_ROLE, "I was asked to act outside the peer role", "never", "very often"),
          new Pulse(INCLUDED, "I felt included as a member of the team", "not at all", "fully"),
          new Pulse(SUPPORTED, "I felt supported by supervision", "not at all", "fully"),
          new Pulse(UNDERSTOOD, "My colleagues understand my role", "not at all", "fully")),
      "Time is entered per activity in percent (must total 100) or hours (any positive total) and converted to "
          + "shares s(a) = 100 * amount(a) / total. Drift score = 100 * (sum of s over clinical_drift and chores) "
          + "/ (sum of s over in_role, clinical_drift and chores), rounded to one decimal; 0 when that denominator is 0. "
          + "Indirect work (supervision, training, documentation, meetings) is left out of the denominator so that "
          + "a fortnight of training neither hides nor inflates drift.",
      List.of(
          "threshold: drift score strictly above the organization's threshold (default 25)",
          "rising: drift score higher than the previous check-in three periods in a row (s[n-3] < s[n-2] < s[n-1] < s[n])",
          "medication: any time at all on 'Encouraging or discouraging medication' (always flagged)",
          "asked_outside_role: pulse 'asked to act outside the peer role' is 4 or 5",
          "not_supported: pulse 'felt supported by supervision' is 1 or 2",
          "not_included: pulse 'felt included as a member of the team' is 1 or 2",
          "role_misunderstood: pulse 'colleagues understand my role' is 1 or 2",
          "discuss: the peer asked to talk about this check-in at the next supervision"));

  public static final Instrument CURRENT = V1;

  public static Optional<Instrument> of(int version) {
    return version == 1 ? Optional.of(V1) : Optional.empty();
  }

  /** Activity code to its category code, in instrument order. */
  public Map<String, String> categoryOf() {
    Map<String, String> out = new LinkedHashMap<>();
    categories.forEach(c -> c.activities().forEach(a -> out.put(a.code(), c.code())));
    return out;
  }

  public boolean isActivity(String code) {
    return categoryOf().containsKey(code);
  }

  public boolean isPulse(String code) {
    return pulses.stream().anyMatch(p -> p.code().equals(code));
  }

  public JsonObject toJson() {
    JsonArray cats = new JsonArray();
    for (Category c : categories) {
      JsonArray acts = new JsonArray();
      c.activities().forEach(a -> acts.add(new JsonObject().put("code", a.code()).put("label", a.label()).put("description", a.description())));
      cats.add(new JsonObject().put("code", c.code()).put("label", c.label()).put("description", c.description())
          .put("drift", c.drift()).put("activities", acts));
    }
    JsonArray ps = new JsonArray();
    pulses.forEach(p -> ps.add(new JsonObject().put("code", p.code()).put("question", p.question())
        .put("min", 1).put("max", 5).put("low", p.low()).put("high", p.high())));
    return new JsonObject().put("version", version).put("categories", cats).put("pulses", ps)
        .put("units", new JsonArray().add("percent").add("hours"))
        .put("scoreFormula", scoreFormula).put("flagRules", new JsonArray(flagRules));
  }
}
