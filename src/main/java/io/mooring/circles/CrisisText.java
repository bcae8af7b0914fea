package io.mooring.circles;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The organization's crisis resources as text runs and phone numbers, so the page can make every
 * number a {@code tel:} link (one tap on a phone) while the rest stays escaped text. A number is a run
 * of digits with the usual separators holding 7 to 15 digits, or
 * exactly three digits standing alone (short lines such as 988).
 */
public final class CrisisText {
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w/:])\\+?\\(?\\d[\\d ().\\-]*\\d(?![\\w/:])|(?<![\\w/:])\\d{3}(?![\\w/:])");

  /** {@code tel} is null for plain text; otherwise the dialable form ("+" and digits) of {@code text}. */
  public record Part(String text, String tel) {}

  private CrisisText() {}

  public static List<Part> parts(String body) {
    List<Part> out = new ArrayList<>();
    Matcher m = NUMBER.matcher(body == null ? "" : body);
    int at = 0;
    while (m.find()) {
      String dial = m.group().replaceAll("[^+\\d]", "");
      int digits = dial.replace("+", "").length();
      boolean shortLine = digits == 3 && m.group().length() == 3;
      if (!shortLine && (digits < 7 || digits > 15)) {
        continue;
      }
      if (m.start() > at) {
        out.add(new Part(body.substring(at, m.start()), null));
      }
      out.add(new Part(m.group(), "tel:" + dial));
      at = m.end();
    }
    if (at < (body == null ? 0 : body.length())) {
      out.add(new Part(body.substring(at), null));
    }
    return out;
  }
}
