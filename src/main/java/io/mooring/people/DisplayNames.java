package io.mooring.people;

import io.mooring.platform.http.AppException;

/**
 * The one rule for a person's display name, checked by {@link PeopleService} wherever a name is set
 * (the admin API and form, the create-admin command): the contract and the form reader only bound
 * its length and refuse whitespace alone. A name is shown in lists, chat, mentions and e-mail, so it
 * must show something, stay on one line, and not reorder the text around it.
 */
final class DisplayNames {
  private DisplayNames() {}

  /** Why this name cannot be a display name, or null when it can. */
  static String problem(String name) {
    boolean visible = false;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        return "must be one line without control characters";
      }
      if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
        return "must not contain characters that change the direction of the text around it";
      }
      visible |= shows(cp, type);
    }
    return visible ? null : "must contain a visible character";
  }

  /** Fails with a 400 naming displayName unless the name is one. */
  static void require(String name) {
    String why = name == null ? null : problem(name);
    if (why != null) {
      throw AppException.invalid("displayName", why);
    }
  }

  // Spaces, format characters (zero-width, joiners), marks on their own and the blank "letters"
  // (Hangul fillers, the blank Braille pattern) print nothing.
  private static boolean shows(int cp, int type) {
    return !Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && type != Character.FORMAT
        && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK && type != Character.UNASSIGNED
        && cp != 0x115F && cp != 0x1160 && cp != 0x3164 && cp != 0xFFA0 && cp != 0x2800;
  }
}
