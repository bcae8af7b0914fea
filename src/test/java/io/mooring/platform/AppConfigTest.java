package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.auth.Keys;
import io.mooring.platform.config.AppConfig;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration from the environment: defaults, every invalid value named, secrets never printed. */
class AppConfigTest {

  @Test
  void defaultsNeedNoEnvironmentAtAll() {
    AppConfig c = AppConfig.fromEnv(Map.of());
    assertEquals(8080, c.port());
    assertEquals("0.0.0.0", c.host());
    assertTrue(c.embeddedDb());
    assertTrue(c.dataDir().isAbsolute() && c.dataDir().endsWith("data"));
    assertEquals(8, c.dbPoolSize());
    assertEquals(Duration.ofMinutes(60), c.tokenTtl());
    assertFalse(c.secureCookies());
    assertTrue(c.eventLoops() >= 1);
  }

  @Test
  void everyInvalidValueStopsStartUpNamingTheVariable() {
    Map<String, String> bad = new HashMap<>();
    bad.put("MOORING_PORT", "70000");
    bad.put("MOORING_DB_POOL_SIZE", "0");
    bad.put("MOORING_TOKEN_TTL_MINUTES", "-5");
    bad.put("MOORING_EVENT_LOOPS", "lots");
    bad.put("MOORING_SECURE_COOKIES", "maybe");
    bad.put("MOORING_DB_URL", "mysql://localhost/mooring");
    bad.put("MOORING_PUBLIC_URL", "mooring.example.org");
    bad.put("MOORING_HOST", " ");
    bad.put("MOORING_CONTENT_KEY", "too-short");
    bad.put("MOORING_JWT_PRIVATE_KEY", "not a pem");
    for (var e : bad.entrySet()) {
      assertNamed(e.getKey(), Map.of(e.getKey(), e.getValue()));
    }
    assertNamed("MOORING_PORT", Map.of("MOORING_PORT", "eighty"));
    assertNamed("MOORING_HOST", Map.of("MOORING_HOST", "not..a..host"));
    assertNamed("MOORING_CONTENT_PREVIOUS_KEYS", Map.of("MOORING_CONTENT_PREVIOUS_KEYS", Base64.getEncoder().encodeToString(new byte[32]) + ",short"));
    assertNamed("MOORING_JWT_PREVIOUS_PUBLIC_KEYS", Map.of("MOORING_JWT_PREVIOUS_PUBLIC_KEYS", "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----"));
    assertNamed("MOORING_DB_URL", Map.of("MOORING_DB_URL", "postgresql://db/mooring?sslmode=sometimes"));
    assertNamed("MOORING_DB_URL", Map.of("MOORING_DB_URL", "postgresql://db/mooring?sslmode=verify-full"));
    assertNamed("MOORING_CONTENT_KEY", Map.of("MOORING_CONTENT_KEY", Base64.getEncoder().encodeToString(new byte[16])));
    assertNamed("MOORING_CONTENT_KEY", Map.of("MOORING_CONTENT_KEY", "***not base64***"));
  }

  @Test
  void aJwtKeyPairMustBeWholeAndReal() {
    Keys keys = Keys.generate();
    assertNamed("MOORING_JWT_PUBLIC_KEY", Map.of("MOORING_JWT_PRIVATE_KEY", keys.jwtPrivatePem()));
    String garbled = keys.jwtPublicPem().replace("MF", "xx");
    assertNamed("MOORING_JWT_PUBLIC_KEY", Map.of("MOORING_JWT_PRIVATE_KEY", keys.jwtPrivatePem(), "MOORING_JWT_PUBLIC_KEY", garbled));
    // One-line form, as env files and compose hold it.
    AppConfig c = AppConfig.fromEnv(Map.of(
        "MOORING_JWT_PRIVATE_KEY", keys.jwtPrivatePem().replace("\n", "\\n"),
        "MOORING_JWT_PUBLIC_KEY", keys.jwtPublicPem().replace("\n", "\\n")));
    assertEquals(keys.jwtPrivatePem().strip(), c.jwtPrivateKeyPem().strip());
  }

  @Test
  void describeMasksEverySecret() {
    Keys keys = Keys.generate();
    String contentKey = Base64.getEncoder().encodeToString(keys.contentKey());
    AppConfig c = AppConfig.fromEnv(Map.of(
        "MOORING_DB_URL", "postgresql://mooring:s3cret-pw@db.internal:5432/mooring",
        "MOORING_DB_USER", "app",
        "MOORING_DB_PASSWORD", "other-s3cret",
        "MOORING_JWT_PRIVATE_KEY", keys.jwtPrivatePem(),
        "MOORING_JWT_PUBLIC_KEY", keys.jwtPublicPem(),
        "MOORING_CONTENT_KEY", contentKey));
    Map<String, String> shown = c.describe();
    String all = shown.toString();
    assertFalse(all.contains("s3cret-pw"), all);
    assertFalse(all.contains("other-s3cret"), all);
    assertFalse(all.contains(contentKey), all);
    assertFalse(all.contains("PRIVATE KEY") || all.contains(keys.jwtPrivatePem().lines().skip(1).findFirst().orElseThrow()), all);
    assertEquals("postgresql://mooring:****@db.internal:5432/mooring", shown.get("MOORING_DB_URL"));
    assertEquals("app", shown.get("MOORING_DB_USER"));
    assertEquals("****", shown.get("MOORING_DB_PASSWORD"));
    assertEquals("****", shown.get("MOORING_CONTENT_KEY"));
    assertTrue(AppConfig.fromEnv(Map.of("MOORING_DB_URL", "postgresql://db/mooring?user=a&password=hunter2"))
        .describe().get("MOORING_DB_URL").endsWith("password=****"));
  }

  private static void assertNamed(String variable, Map<String, String> env) {
    var e = assertThrows(AppConfig.ConfigException.class, () -> AppConfig.fromEnv(env), variable + " accepted " + env);
    assertTrue(e.getMessage().contains(variable), e.getMessage());
  }
}
