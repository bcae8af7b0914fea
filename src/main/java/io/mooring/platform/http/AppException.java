package io.mooring.platform.http;

import java.util.List;
import java.util.Map;

/**
 * The one error type services throw or fail futures with. It knows nothing of HTTP beyond its
 * code; the failure handler turns it into problem+json or an error page.
 */
public final class AppException extends RuntimeException {
  private final ErrorCode code;
  private final transient List<FieldError> fieldErrors;
  private final transient Map<String, ?> data;

  public AppException(ErrorCode code, String detail, List<FieldError> fieldErrors, Map<String, ?> data) {
    super(detail, null, false, false);
    this.code = code;
    this.fieldErrors = List.copyOf(fieldErrors);
    this.data = data == null ? Map.of() : Map.copyOf(data);
  }

  public AppException(ErrorCode code, String detail) {
    this(code, detail, List.of(), Map.of());
  }

  public static AppException notFound(String what) {
    return new AppException(ErrorCode.NOT_FOUND, what + " not found");
  }

  public static AppException forbidden(String detail) {
    return new AppException(ErrorCode.FORBIDDEN, detail);
  }

  public static AppException invalid(String field, String message) {
    return new AppException(ErrorCode.INVALID, field + ": " + message, List.of(new FieldError(field, message)), Map.of());
  }

  public static AppException conflict(String detail) {
    return new AppException(ErrorCode.CONFLICT, detail);
  }

  public ErrorCode code() {
    return code;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  public Map<String, ?> data() {
    return data;
  }

  public record FieldError(String field, String message) {}
}
