package io.mooring.platform.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one mapping from a field's path in the API ("strengths[0].example") to the label a person
 * sees on the form ("Strength 1, specific example"). Problems carry it next to the field, page
 * errors and language hints are worded with it, so no page keeps its own translation. A path not
 * listed is said in words ("durationMinutes" → "Duration minutes", an index as "number 2"). A few
 * fields mean different things at different addresses (a disclosure item's "values" are languages on
 * one and populations on another): their labels are scoped to the request path that carries them.
 */
public final class FieldLabels {
  /** {@code where}: null for every address, else a pattern found in the request path. */
  private record Label(Pattern where, Pattern path, String words) {}

  // A field with parts is "name(?:[.\[].*)?": the name itself or its parts, never a longer name ("roleClarityNotes").
  // {1} is the first group in the path: an index counted from one as forms count, or a code in words.
  private static final List<Label> LABELS = List.of(
      // One disclosure item per address (API /api/v1/me/disclosure/items/KIND, form /disclosure/items/KIND): its name on the page.
      scoped("/disclosure/items/languages$", "values(?:[.\\[].*)?", "Languages"),
      scoped("/disclosure/items/focus_populations$", "values(?:[.\\[].*)?", "Populations and specialties of focus"),
      scoped("/disclosure/items/identifies_as_peer$", "value", "Whether I identify as a peer at work"),
      scoped("/disclosure/items/pronouns$", "text", "Pronouns"),
      scoped("/disclosure/items/recovery_story$", "text", "My recovery story"),
      scoped("/disclosure/items/accommodations$", "text", "Work adjustments that help me"),
      scoped("/disclosure/items/topics_to_avoid$", "text", "Topics I prefer not to discuss at work"),
      scoped("/circles/\\d+/messages", "body", "Message"),
      label("session\\.startsAt", "Session start"),
      label("session\\.durationMinutes", "Minutes"),
      label("session\\.type", "Type"),
      label("session\\.modality", "Modality"),
      label("strengths", "Strengths observed"),
      label("strengths\\[(\\d+)]\\.text", "Strength {1}"),
      label("strengths\\[(\\d+)]\\.example", "Strength {1}, specific example"),
      label("strengths\\[(\\d+)]", "Strength {1}"),
      label("wins\\[(\\d+)]", "Win {1}"),
      label("growthGoals\\[(\\d+)]\\.text", "Goal {1}"),
      label("growthGoals\\[(\\d+)]\\.domain", "Goal {1}, NCPS domain"),
      label("growthGoals\\[(\\d+)]", "Goal {1}"),
      label("actionItems\\[(\\d+)]\\.text", "Action {1}"),
      label("actionItems\\[(\\d+)]\\.ownerId", "Action {1}, owner"),
      label("actionItems\\[(\\d+)]\\.dueDate", "Action {1}, due"),
      label("actionItems\\[(\\d+)]", "Action {1}"),
      label("itemDecisions(?:[.\\[].*)?", "Open action items from earlier sessions"),
      label("roleClarity(?:[.\\[].*)?", "Open drift flags"),
      label("roleClarityNotes", "Discussion notes"),
      label("challenges", "Challenges and problem solving"),
      label("wellbeing", "Wellbeing and self-care"),
      label("audiences\\[(\\d+)]\\.expiresAt", "Until"),
      label("audiences(?:[.\\[].*)?", "Who may see it"),
      label("areas(?:[.\\[].*)?", "Lived experience areas"),
      label("values(?:[.\\[].*)?", "What to say"),
      label("displayName", "Name"),
      label("email", "Email"),
      label("password", "Initial password"),
      label("roles(?:[.\\[].*)?", "Roles"),
      label("supervisorId", "Supervisor"),
      label("superviseeId", "Supervisee"),
      label("licenceNumber", "Licence number"),
      label("cadence", "How often"),
      label("rrule", "Custom rule"),
      label("firstStart", "First session"),
      label("durationMinutes", "Minutes"),
      label("modality", "How"),
      label("graceDays", "Grace period (days)"),
      label("startsAt", "Start"),
      label("occurrence", "Session"),
      label("timeZone", "Time zone"),
      label("periodEnd", "Period ending"),
      label("activities\\.(\\w+)", "Time spent on {1}"),
      label("activities", "Time spent"),
      label("pulses\\.(\\w+)", "How it felt: {1}"),
      label("pulses", "How it felt"),
      // As the circle settings form labels them.
      label("meeting\\.cadence", "Meeting, repeats"),
      label("meeting\\.rrule", "Meeting, custom rule"),
      label("meeting\\.firstStart", "Meeting, first meeting"),
      label("meeting\\.durationMinutes", "Meeting, length (minutes)"),
      label("meeting\\.where", "Meeting, where"),
      label("text", "Text"),
      // The body as a whole ("send at least one field"); a message's "body" is scoped above.
      label("body", "Request body"));

  private FieldLabels() {}

  private static Label label(String regex, String words) {
    return new Label(null, Pattern.compile(regex), words);
  }

  private static Label scoped(String where, String regex, String words) {
    return new Label(Pattern.compile(where), Pattern.compile(regex), words);
  }

  /** The label a person sees for this field path. */
  public static String of(String field) {
    return of(field, null);
  }

  /** The label a person sees for this field path in a request to {@code requestPath} (null: any). */
  public static String of(String field, String requestPath) {
    if (field == null || field.isEmpty()) {
      return "";
    }
    for (Label l : LABELS) {
      if (l.where() != null && (requestPath == null || !l.where().matcher(requestPath).find())) {
        continue;
      }
      Matcher m = l.path().matcher(field);
      if (m.matches()) {
        if (m.groupCount() < 1 || m.group(1) == null) {
          return l.words();
        }
        String g = m.group(1);
        return l.words().replace("{1}", g.chars().allMatch(Character::isDigit) ? String.valueOf(Integer.parseInt(g) + 1)
            : g.replace('_', ' '));
      }
    }
    return words(field);
  }

  /** "Label: message", the way every page shows one field's problem. */
  public static String sentence(AppException.FieldError e) {
    return sentence(e, null);
  }

  /** "Label: message" for a request to {@code requestPath}. */
  public static String sentence(AppException.FieldError e, String requestPath) {
    return of(e.field(), requestPath) + ": " + e.message();
  }

  /** Each field error as a sentence, or the detail when the problem names no field. */
  public static List<String> sentences(AppException e) {
    return sentences(e, null);
  }

  /** Each field error as a sentence for a request to {@code requestPath}, or the detail when the problem names no field. */
  public static List<String> sentences(AppException e, String requestPath) {
    List<String> out = new ArrayList<>();
    e.fieldErrors().stream().map(f -> sentence(f, requestPath)).distinct().forEach(out::add);
    if (out.isEmpty()) {
      out.add(e.getMessage());
    }
    return out;
  }

  private static String words(String field) {
    Matcher index = Pattern.compile("\\[(\\d+)]").matcher(field);
    StringBuilder b = new StringBuilder();
    while (index.find()) {
      index.appendReplacement(b, " number " + (Integer.parseInt(index.group(1)) + 1));
    }
    index.appendTail(b);
    String spaced = b.toString().replace('.', ' ').replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).strip();
    return spaced.isEmpty() ? field : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }
}
