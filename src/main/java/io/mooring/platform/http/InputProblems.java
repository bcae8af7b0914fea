package io.mooring.platform.http;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * The half of {@link Input} that collects problems: the body being read, where it sits (a nested object's
 * errors are named {@code parent.child}), and every field error so far, thrown together by {@link #check()}.
 * A handler whose body the contract has validated needs only this half, for rules across fields; the typed
 * field readers (for page forms and the bodies they share with the API) are {@link Input}'s.
 */
public abstract class InputProblems {
  protected final JsonObject json;
  private final String prefix;
  protected final List<AppException.FieldError> errors;

  InputProblems(JsonObject json, String prefix, List<AppException.FieldError> errors) {
    this.json = json == null ? new JsonObject() : json;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** A text field of a body the contract has validated: stripped, or null when absent. */
  public static String text(JsonObject body, String field) {
    String s = body.getString(field);
    return s == null ? null : s.strip();
  }

  /** Rejects fields the caller did not expect, so a typo is a 400 rather than silently ignored. */
  public void only(String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (String k : json.fieldNames()) {
      if (!ok.contains(k)) {
        fail(k, "is not a known field");
      }
    }
  }

  public boolean has(String field) {
    return json.containsKey(field) && json.getValue(field) != null;
  }

  public JsonObject raw() {
    return json;
  }

  public void fail(String field, String message) {
    errors.add(new AppException.FieldError(name(field), message));
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  public void check() {
    if (!errors.isEmpty()) {
      String detail = errors.size() == 1
          ? errors.get(0).field() + " " + errors.get(0).message()
          : errors.size() + " fields are invalid: " + String.join(", ", errors.stream().map(AppException.FieldError::field).toList());
      throw new AppException(ErrorCode.INVALID, detail, errors, null);
    }
  }

  protected String name(String field) {
    return prefix + field;
  }

  /** Characters as the OpenAPI document's minLength/maxLength count them: code points, so an emoji is one. */
  static int characters(String s) {
    return s.codePointCount(0, s.length());
  }
}
