package io.mooring.platform.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes request text strictly, once: a percent-escape must be two hex digits, the bytes must be
 * UTF-8 in its shortest form (Java's decoder refuses overlong forms and encoded surrogates), and
 * nothing is silently replaced. {@link #unstorable} says why a decoded string cannot be stored:
 * PostgreSQL refuses NUL in text, and a lone surrogate has no UTF-8 form at all.
 */
public final class StrictText {
  private StrictText() {}

  /** Thrown with a message in the user's terms ("is not valid UTF-8"). */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  public static String utf8(byte[] bytes) throws Invalid {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new Invalid("is not valid UTF-8 (overlong or broken byte sequences are refused)");
    }
  }

  /** One query, path or form component, given as its raw bytes (one char each): '+' is a space when {@code plusIsSpace}, %XX escapes must be complete. */
  public static String percentDecoded(String raw, boolean plusIsSpace) throws Invalid {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
        if (lo < 0) {
          throw new Invalid("has a '%' that is not followed by two hex digits (write %25 for a percent sign)");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else if (c <= 0xFF) {
        // Request lines and form bodies arrive as bytes, one char each (ISO-8859-1).
        bytes.write(c);
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return checked(utf8(bytes.toByteArray()));
  }

  private static String checked(String s) throws Invalid {
    String why = unstorable(s);
    if (why != null) {
      throw new Invalid(why);
    }
    return s;
  }

  /** Why this text cannot be stored as it is, or null when it can. */
  public static String unstorable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return "must not contain a NUL character (U+0000)";
      }
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "must not contain a lone surrogate (U+" + Integer.toHexString(c).toUpperCase() + ")";
      }
    }
    return null;
  }
}
