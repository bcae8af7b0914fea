package io.mooring.platform.http;

/** Every failure a service can report, with the HTTP status it maps to. */
public enum ErrorCode {
  INVALID(400, "Invalid request"),
  UNAUTHENTICATED(401, "Sign-in required"),
  FORBIDDEN(403, "Not allowed"),
  NOT_FOUND(404, "Not found"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  CONFLICT(409, "Conflict"),
  PRECONDITION_FAILED(412, "Precondition failed"),
  PRECONDITION_REQUIRED(428, "Precondition required"),
  TOO_LARGE(413, "Request too large"),
  UNSUPPORTED_MEDIA(415, "Unsupported media type"),
  TOO_MANY(429, "Too many requests"),
  UNAVAILABLE(503, "Service unavailable"),
  UPGRADE_REQUIRED(426, "Upgrade required");

  public final int status;
  public final String title;

  ErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public String type() {
    return "https://mooring.io/problems/" + name().toLowerCase().replace('_', '-');
  }
}
