package io.mooring.support;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The test hook itself: it must notice what the document does not allow, and let the rest through. */
class ResponseContractTest {
  static final ResponseContract CONTRACT = ResponseContract.get();
  static final String PROBLEM = "application/problem+json";

  static Buffer problem(int status) {
    return new JsonObject().put("type", "about:blank").put("title", "t").put("status", status).put("detail", "d").toBuffer();
  }

  @Test
  void aDeclaredProblemPasses() {
    assertNull(CONTRACT.mismatch("GET", "/api/v1/me", 401, PROBLEM, problem(401)));
  }

  @Test
  void anUndeclaredStatusIsNamed() {
    String m = CONTRACT.mismatch("GET", "/api/v1/me", 418, PROBLEM, problem(418));
    assertNotNull(m);
    assertTrue(m.contains("418 is not declared"), m);
  }

  @Test
  void anErrorThatIsNotAProblemFails() {
    assertNotNull(CONTRACT.mismatch("GET", "/api/v1/me", 401, "text/plain", Buffer.buffer("no")));
    assertNotNull(CONTRACT.mismatch("GET", "/api/v1/no-such-thing", 404, "text/plain", Buffer.buffer("no")));
    assertNull(CONTRACT.mismatch("GET", "/api/v1/no-such-thing", 404, PROBLEM, problem(404)));
  }

  @Test
  void aBodyMissingARequiredFieldFails() {
    String m = CONTRACT.mismatch("GET", "/api/v1/me", 401, PROBLEM, new JsonObject().put("title", "x").toBuffer());
    assertNotNull(m);
    assertTrue(m.contains("required"), m);
  }

  @Test
  void dateTimesNeedSecondsAndAnOffset() {
    assertTrue(ResponseContract.DATE_TIME.matcher("2026-12-03T16:00:00-06:00").matches());
    assertTrue(ResponseContract.DATE_TIME.matcher("2026-11-24T15:00:00.123Z").matches());
    assertTrue(!ResponseContract.DATE_TIME.matcher("2026-12-03T16:00-06:00").matches());
    assertTrue(!ResponseContract.DATE_TIME.matcher("2026-11-24T15:00Z").matches());
    assertTrue(!ResponseContract.DATE_TIME.matcher("2026-11-24T15:00:00").matches());
    Buffer loose = new JsonObject().put("type", "x").put("title", "t").put("status", 401).put("detail", "2026-11-24T15:00Z").toBuffer();
    String m = CONTRACT.mismatch("GET", "/api/v1/me", 401, PROBLEM, loose);
    assertNotNull(m);
    assertTrue(m.contains("RFC 3339"), m);
  }
}
