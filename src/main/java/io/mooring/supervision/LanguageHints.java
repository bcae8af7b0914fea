package io.mooring.supervision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strength-based language hints: finds deficit or clinical labels in a text and suggests
 * person-first, behaviour-describing alternatives. Hints guide the writer; they never block saving.
 */
public final class LanguageHints {

  public record Hint(String field, String term, int start, int end, String suggestion) {}

  private record Rule(Pattern pattern, String suggestion) {}

  private static final List<Rule> RULES = List.of(
      rule("non-?compliant|noncompliance|non-?compliance", "describe what happened and what the person chose, e.g. \"decided not to take…\", \"prefers a different plan\""),
      rule("manipulative|manipulating", "name the need behind it, e.g. \"is working hard to get their needs met\""),
      rule("resistant|resistance", "\"not yet ready\", \"has concerns about…\", \"chose a different path\""),
      rule("low[- ]functioning|high[- ]functioning", "describe specific strengths and the support the person wants"),
      rule("frequent flyers?", "\"person who uses the service often\""),
      rule("addicts?|junkies|junkie|substance abusers?|abusers?", "\"person who uses drugs\", \"person in recovery\""),
      rule("alcoholics?", "\"person with an alcohol use disorder\", \"person in recovery\""),
      rule("schizophrenics?", "\"person living with schizophrenia\" (and only if they chose to share it)"),
      rule("borderlines?", "\"person with a borderline personality diagnosis\" (and only if they chose to share it)"),
      rule("bipolars?", "\"person living with bipolar disorder\" (and only if they chose to share it)"),
      rule("(?:the )?mentally ill|crazy|psycho|lunatic", "\"person with a mental health condition\", \"person with lived experience\""),
      rule("attention[- ]seeking", "\"seeking connection\", \"asking for support\""),
      rule("unmotivated|lazy", "\"not yet engaged\", describe what would help"),
      rule("decompensat(?:ed|ing)", "describe what you observed in everyday words"),
      rule("in denial|lacks insight|lack of insight", "\"sees it differently\", \"has a different understanding\""),
      rule("refused|refuses|refusing", "\"declined\", \"chose not to\""),
      rule("suffers from|suffering from|victim of", "\"lives with\", \"has experienced\""));

  private LanguageHints() {}

  private static Rule rule(String regex, String suggestion) {
    return new Rule(Pattern.compile("\\b(?:" + regex + ")\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), suggestion);
  }

  /** Every label found in {@code text}, in order of position; {@code field} names where the text came from. */
  public static List<Hint> find(String field, String text) {
    List<Hint> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(text);
      while (m.find()) {
        out.add(new Hint(field, m.group().toLowerCase(Locale.ROOT), m.start(), m.end(), r.suggestion()));
      }
    }
    out.sort(Comparator.comparingInt(Hint::start));
    return out;
  }
}
