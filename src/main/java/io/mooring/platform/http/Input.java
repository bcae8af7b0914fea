package io.mooring.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a JSON body field by field, collecting every problem instead of stopping at the first,
 * then {@link #check()} throws one INVALID AppException naming each field. Used where the contract does
 * not validate (page forms, and the bodies a page form shares with the API); the collecting itself is
 * {@link InputProblems}.
 *
 * <pre>
 * var in = Input.of(ctx.body().asJsonObject());
 * var cmd = new NewTeam(in.string("name", 1, 120));
 * in.check();
 * </pre>
 */
public final class Input extends InputProblems {
  private Input(JsonObject json, String prefix, List<AppException.FieldError> errors) {
    super(json, prefix, errors);
  }

  public static Input of(JsonObject json) {
    if (json == null) {
      throw new AppException(ErrorCode.INVALID, "A JSON object body is required.");
    }
    return new Input(json, "", new ArrayList<>());
  }

  /** A nested object; its errors are reported as {@code parent.child}. */
  public Input object(String field) {
    Object v = json.getValue(field);
    if (v != null && !(v instanceof JsonObject)) {
      fail(field, "must be an object");
    }
    return new Input(v instanceof JsonObject o ? o : new JsonObject(), name(field) + ".", errors);
  }

  public String string(String field, int min, int max) {
    String s = optionalString(field, max);
    if (s == null) {
      fail(field, "is required");
      return null;
    }
    if (characters(s.strip()) < min) {
      fail(field, min <= 1 ? "must not be empty" : "must be at least " + min + " characters");
    }
    return s.strip();
  }

  public String optionalString(String field, int max) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      fail(field, "must be a string");
      return null;
    }
    if (characters(s) > max) {
      fail(field, "must be at most " + max + " characters");
    }
    return s.strip();
  }

  public String email(String field) {
    String s = string(field, 3, 254);
    if (s != null && !s.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
      fail(field, "must be an email address");
    }
    return s == null ? null : s.toLowerCase();
  }

  public String oneOf(String field, Set<String> allowed) {
    String s = optionalString(field, 200);
    if (s == null) {
      fail(field, "is required (one of " + String.join(", ", allowed) + ")");
      return null;
    }
    if (!allowed.contains(s)) {
      fail(field, "must be one of " + String.join(", ", allowed));
    }
    return s;
  }

  public Integer integer(String field, int min, int max) {
    Integer v = optionalInteger(field, min, max);
    if (v == null && !has(field)) {
      fail(field, "is required");
    }
    return v;
  }

  private Integer optionalInteger(String field, int min, int max) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      fail(field, "must be a whole number");
      return null;
    }
    if (n.longValue() < min || n.longValue() > max) {
      fail(field, "must be between " + min + " and " + max);
      return null;
    }
    return n.intValue();
  }

  public Long id(String field) {
    Object v = json.getValue(field);
    if (v == null) {
      fail(field, "is required");
      return null;
    }
    if (!(v instanceof Number n) || n.longValue() <= 0 || n.doubleValue() != Math.rint(n.doubleValue())) {
      fail(field, "must be a positive id");
      return null;
    }
    return n.longValue();
  }

  public Boolean bool(String field, boolean dflt) {
    Object v = json.getValue(field);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Boolean b)) {
      fail(field, "must be true or false");
      return dflt;
    }
    return b;
  }

  /** A date in {@link DateTimes#FIRST_YEAR}..{@link DateTimes#LAST_YEAR}, or null when absent or invalid (then named). */
  public LocalDate optionalDate(String field) {
    return parsed(field, 40, LocalDate::parse, "must be a date like 2026-01-31");
  }

  /** A date-time with offset in {@link DateTimes#FIRST_YEAR}..{@link DateTimes#LAST_YEAR}, or null when absent or invalid. */
  public OffsetDateTime optionalDateTime(String field) {
    return parsed(field, 60, OffsetDateTime::parse, "must be a date-time like 2026-01-31T09:30:00Z");
  }

  /** A date-time already read as text (a contract-checked pattern the calendar may still lack), checked as above. */
  public LocalDateTime localDateTime(String field, String raw, String expected) {
    if (raw == null) {
      fail(field, "is required");
      return null;
    }
    return parse(field, raw, LocalDateTime::parse, expected);
  }

  private <T extends TemporalAccessor> T parsed(String field, int max, Function<String, T> parse, String expected) {
    String s = optionalString(field, max);
    return s == null ? null : parse(field, s, parse, expected);
  }

  private <T extends TemporalAccessor> T parse(String field, String s, Function<String, T> parse, String expected) {
    T value;
    try {
      value = parse.apply(s);
    } catch (DateTimeParseException e) {
      fail(field, expected);
      return null;
    }
    if (!DateTimes.plausible(value)) {
      fail(field, DateTimes.OUT_OF_RANGE);
      return null;
    }
    return value;
  }

  public JsonArray optionalArray(String field, int maxItems) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray a)) {
      fail(field, "must be a list");
      return null;
    }
    if (a.size() > maxItems) {
      fail(field, "must have at most " + maxItems + " entries");
    }
    return a;
  }

  public List<String> stringList(String field, int maxItems, int maxLength, Collection<String> allowed) {
    JsonArray a = optionalArray(field, maxItems);
    List<String> out = new ArrayList<>();
    if (a == null) {
      return out;
    }
    for (int i = 0; i < a.size(); i++) {
      Object v = a.getValue(i);
      if (!(v instanceof String s) || s.isBlank() || characters(s) > maxLength) {
        fail(field + "[" + i + "]", "must be a non-empty string of at most " + maxLength + " characters");
      } else if (allowed != null && !allowed.contains(s)) {
        // Said as the forms show the choices ("young adults"), not as the codes behind them.
        fail(field + "[" + i + "]", "must be one of " + String.join(", ", allowed).replace('_', ' '));
      } else {
        out.add(s.strip());
      }
    }
    return out;
  }
}
