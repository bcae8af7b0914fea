package io.mooring.supervision;

import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;

/** If-Match handling: missing is 428, a different version is 412. */
final class ETags {
  private ETags() {}

  static void require(String ifMatch, String current) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new AppException(ErrorCode.PRECONDITION_REQUIRED, "Send If-Match with the ETag you read, so edits are not lost.");
    }
    String sent = ifMatch.strip().startsWith("W/") ? ifMatch.strip().substring(2) : ifMatch.strip();
    if (!sent.equals(current)) {
      throw stale();
    }
  }

  static AppException stale() {
    return new AppException(ErrorCode.PRECONDITION_FAILED, "Someone changed this draft since you read it: reload and merge.");
  }
}
