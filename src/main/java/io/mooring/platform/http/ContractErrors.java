package io.mooring.platform.http;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns vertx-openapi's validation failures into problems that name the field. The schema
 * validator's output units carry a JSON pointer to the offending value; parameter failures name
 * the parameter in their message.
 */
final class ContractErrors {
  // vertx-openapi's parameter messages: "... path parameter userId ...", "... query parameter limit ...".
  private static final Pattern PARAMETER = Pattern.compile("\\b(path|query|header|cookie) parameter (\\S+?)[.,]?(\\s|$)");
  private static final Pattern MISSING_PROPERTY = Pattern.compile("^Instance does not have required property \"([^\"]+)\"");

  private ContractErrors() {}

  /** The problem for a validation failure, or null when it is not one (a bug: let it be a 500). */
  static AppException toProblem(Throwable err) {
    if (!(err instanceof ValidatorException v)) {
      return null;
    }
    String message = v.getMessage() == null ? "" : v.getMessage();
    OutputUnit output = v instanceof SchemaValidationException s ? s.getOutputUnit() : null;
    Matcher parameter = PARAMETER.matcher(message);
    if (parameter.find()) {
      // A parameter's choices are the codes that go in the address, so they are listed as codes.
      List<AppException.FieldError> errors = output == null ? List.of() : fieldErrors(output, false);
      boolean choice = !errors.isEmpty() && errors.get(0).message().startsWith("must be one of");
      if (parameter.group(1).equals("path") && !choice) {
        // A path that names no possible resource gets the same answer as an id that does not exist;
        // a path segment chosen from a list (a disclosure kind) is a 400 that lists the choices.
        return AppException.notFound("That " + parameter.group(2));
      }
      String reason = v.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER ? "is required"
          : errors.isEmpty() ? "is not valid" : errors.get(0).message();
      return AppException.invalid(parameter.group(2), reason);
    }
    if (v.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT) {
      return new AppException(ErrorCode.UNSUPPORTED_MEDIA, "Send the request body as application/json.");
    }
    if (v.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER) {
      return new AppException(ErrorCode.INVALID, "A JSON object body is required.");
    }
    if (v.type() == ValidatorErrorType.ILLEGAL_VALUE) {
      return new AppException(ErrorCode.INVALID, "The request body is not valid JSON.");
    }
    List<AppException.FieldError> errors = output == null ? List.of() : fieldErrors(output);
    if (errors.isEmpty()) {
      return new AppException(ErrorCode.INVALID, "The request does not match the API contract.");
    }
    String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
        : "Some fields are not valid: " + String.join(", ", errors.stream().map(AppException.FieldError::field).toList()) + ".";
    return new AppException(ErrorCode.INVALID, detail, errors, Map.of());
  }

  /**
   * One error per field. The validator lists, per value, summaries ("Property x does not match
   * schema") before the specific error, and also reports every failing property (known or not)
   * under additionalProperties; a property is unknown only when that is its one complaint.
   */
  static List<AppException.FieldError> fieldErrors(OutputUnit root) {
    return fieldErrors(root, true);
  }

  /** {@code words}: a body's choices are listed as the forms show them ("young adults"), not as codes. */
  private static List<AppException.FieldError> fieldErrors(OutputUnit root, boolean words) {
    Map<String, String> byField = new LinkedHashMap<>();
    // Fields a oneOf/anyOf failed on, and fields one of whose alternatives is null (said once, after the loop).
    Set<String> alternatives = new HashSet<>();
    Set<String> nullAllowed = new HashSet<>();
    Set<String> checkedByProperties = new HashSet<>();
    List<OutputUnit> units = root.getErrors() == null || root.getErrors().isEmpty() ? List.of(root) : root.getErrors();
    for (OutputUnit u : units) {
      if (keyword(u).equals("properties")) {
        checkedByProperties.add(field(u.getInstanceLocation()));
      }
    }
    for (OutputUnit u : units) {
      String error = u.getError() == null ? "is not valid" : u.getError();
      String at = field(u.getInstanceLocation());
      Matcher missing = MISSING_PROPERTY.matcher(error);
      if (missing.find()) {
        byField.put(join(at, missing.group(1)), "is required");
      } else if (keyword(u).equals("pattern")) {
        // The validator does not say which pattern; the document has three: local date-times (firstStart), e-mail
        // addresses (a dot in the domain, as sign-in has always asked) and "\\S".
        byField.put(at, at.endsWith("firstStart") ? "must be a local date-time like 2026-03-10T16:00"
            : at.endsWith("email") ? "must be an email address" : "must not be blank");
      } else if (keyword(u).equals("additionalProperties")) {
        if (!checkedByProperties.contains(at)) {
          byField.put(at, "is not a known field");
        }
      } else if (keyword(u).equals("dependentRequired")) {
        // e.g. a meeting's cadence without its firstStart: each missing companion is required.
        for (String companion : dependentsMissing(u)) {
          byField.put(join(at, companion), "is required");
        }
      } else if (keyword(u).equals("oneOf") || keyword(u).equals("anyOf")) {
        // "Does not match exactly one subschema" only says that each alternative failed; their own errors follow.
        alternatives.add(at.isEmpty() ? "body" : at);
      } else if (!isSummary(keyword(u))) {
        String message = friendly(error, words);
        if (message.equals("must be a null")) {
          nullAllowed.add(at.isEmpty() ? "body" : at);
        }
        byField.putIfAbsent(at.isEmpty() ? "body" : at, message);
      }
    }
    // A value that may be an object or null ("meeting"): when the object has errors, "must be a null" only hides them.
    byField.entrySet().removeIf(e -> e.getValue().equals("must be a null")
        && byField.keySet().stream().anyMatch(f -> f.startsWith(e.getKey() + ".")));
    // Neither alternative fits the value itself ("meeting": 5): say both.
    byField.replaceAll((f, m) -> nullAllowed.contains(f) && m.matches("must be an? \\w+") && !m.equals("must be a null") ? m + " or null" : m);
    for (String f : alternatives) {
      if (byField.keySet().stream().noneMatch(g -> g.equals(f) || g.startsWith(f + ".") || g.startsWith(f + "["))) {
        byField.put(f, "is not valid");
      }
    }
    List<AppException.FieldError> out = new ArrayList<>();
    byField.forEach((f, m) -> out.add(new AppException.FieldError(f, m)));
    return out;
  }

  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

  /** The properties a dependentRequired error names, less the one that was present (named first). */
  private static List<String> dependentsMissing(OutputUnit u) {
    List<String> names = new ArrayList<>();
    Matcher m = QUOTED.matcher(u.getError() == null ? "" : u.getError());
    while (m.find()) {
      names.add(m.group(1));
    }
    return names.size() > 1 ? names.subList(1, names.size()) : names;
  }

  private static String keyword(OutputUnit u) {
    String k = u.getKeywordLocation() == null ? "" : u.getKeywordLocation();
    return k.substring(k.lastIndexOf('/') + 1);
  }

  // Keywords whose errors only say "something inside failed"; the inner error follows in the list.
  private static boolean isSummary(String keyword) {
    return Set.of("properties", "items", "prefixItems", "$ref", "allOf", "additionalItems", "contains", "patternProperties", "if",
        "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "then", "else").contains(keyword);
  }

  private static final Pattern TYPE = Pattern.compile("^Instance type \\S+ is invalid\\. Expected (.+)$");
  private static final Pattern TOO_SHORT = Pattern.compile("^String is too short \\(\\d+ < (\\d+)\\)");
  private static final Pattern TOO_LONG = Pattern.compile("^String is too long \\(\\d+ > (\\d+)\\)");
  private static final Pattern ENUM = Pattern.compile("^Instance does not match any of \\[(.*)]$");
  private static final Pattern FORMAT = Pattern.compile("^String does not match format \"([^\"]+)\"");
  private static final Pattern ABOVE = Pattern.compile("^\\S+ is greater than (\\S+)$");
  private static final Pattern BELOW = Pattern.compile("^\\S+ is less than (\\S+)$");
  // "const": the one value allowed ("acceptGroundRules" must be true); the enum form above says "any of [...]".
  private static final Pattern TOO_MANY = Pattern.compile("^Array has too many items \\(.*> (\\d+)\\)");
  private static final Pattern TOO_FEW = Pattern.compile("^Array has too few items \\(.*< (\\d+)\\)");
  private static final Pattern FEW_PROPERTIES = Pattern.compile("^Instance does not have at least (\\d+) properties");
  private static final Pattern CONSTANT = Pattern.compile("^Instance does not match (\\S+)$");

  /** The validator's wording, said the way Input says it; choices as codes. */
  static String friendly(String error) {
    return friendly(error, false);
  }

  /** {@code words}: choices as the forms show them, with spaces for underscores. */
  static String friendly(String error, boolean words) {
    Matcher m;
    if (error.startsWith("Instance type null is invalid")) {
      // A null where the document wants a value (an action's empty due date from the form) is a missing value.
      return "is required";
    }
    if ((m = TYPE.matcher(error)).find()) {
      List<String> types = List.of(m.group(1).split(",\\s*"));
      if (types.size() == 1) {
        String t = types.get(0);
        return "must be " + ("integer".equals(t) || "array".equals(t) || "object".equals(t) ? "an " : "a ") + t;
      }
      return "must be " + String.join(" or ", types.stream().map(ContractErrors::typeInWords).toList());
    }
    if ((m = TOO_MANY.matcher(error)).find()) {
      return "choose at most " + m.group(1);
    }
    if ((m = TOO_FEW.matcher(error)).find()) {
      return m.group(1).equals("1") ? "choose at least one" : "choose at least " + m.group(1);
    }
    if ((m = FEW_PROPERTIES.matcher(error)).find()) {
      return m.group(1).equals("1") ? "send at least one field" : "send at least " + m.group(1) + " fields";
    }
    if ((m = TOO_SHORT.matcher(error)).find()) {
      return m.group(1).equals("1") ? "must not be empty" : "must be at least " + m.group(1) + " characters";
    }
    if ((m = TOO_LONG.matcher(error)).find()) {
      return "must be at most " + m.group(1) + " characters";
    }
    if ((m = ENUM.matcher(error)).find()) {
      String choices = m.group(1).replace("\"", "").replace(",", ", ");
      return "must be one of " + (words ? choices.replace('_', ' ') : choices);
    }
    if ((m = FORMAT.matcher(error)).find()) {
      return switch (m.group(1)) {
        case "email" -> "must be an email address";
        case "date" -> "must be a date like 2026-01-31";
        case "date-time" -> "must be a date-time like 2026-01-31T09:30:00Z";
        default -> "must be a valid " + m.group(1);
      };
    }
    if ((m = ABOVE.matcher(error)).find()) {
      return "must be at most " + m.group(1);
    }
    if ((m = BELOW.matcher(error)).find()) {
      return "must be at least " + m.group(1);
    }
    if ((m = CONSTANT.matcher(error)).find()) {
      return "must be " + m.group(1).replace("\"", "");
    }
    return error.isEmpty() ? "is not valid" : Character.toLowerCase(error.charAt(0)) + error.substring(1);
  }

  private static String typeInWords(String type) {
    return switch (type) {
      case "string" -> "text";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "array" -> "a list";
      case "object" -> "an object";
      default -> type;
    };
  }

  /** A JSON pointer ("#/roles/0", "/a/b") as a field name ("roles[0]", "a.b"). */
  static String field(String pointer) {
    if (pointer == null) {
      return "";
    }
    String p = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    StringBuilder out = new StringBuilder();
    for (String raw : p.split("/")) {
      if (raw.isEmpty()) {
        continue;
      }
      String segment = raw.replace("~1", "/").replace("~0", "~");
      if (segment.chars().allMatch(Character::isDigit)) {
        out.append('[').append(segment).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(segment);
      }
    }
    return out.toString();
  }

  private static String join(String parent, String child) {
    return parent.isEmpty() ? child : parent + "." + child;
  }
}
