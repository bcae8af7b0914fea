package io.mooring.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Remembering verified tokens must never accept what the signature check would refuse. */
@ExtendWith(VertxExtension.class)
class TokensTest {

  @Test
  void aRememberedTokenStillNamesItsSessionAndAForgeryIsStillRefused(Vertx vertx) {
    Tokens tokens = new Tokens(vertx, Keys.generate(), Duration.ofMinutes(5));
    String token = tokens.issue(7, "session-a");
    assertEquals("session-a", tokens.sessionOf(token).await());
    assertEquals("session-a", tokens.sessionOf(token).await());
    String[] parts = token.split("\\.");
    String otherSignature = tokens.issue(7, "session-b").split("\\.")[2];
    assertThrows(Exception.class, () -> tokens.sessionOf(parts[0] + "." + parts[1] + "." + otherSignature).await());
    Tokens otherServer = new Tokens(vertx, Keys.generate(), Duration.ofMinutes(5));
    assertThrows(Exception.class, () -> otherServer.sessionOf(token).await(), "a key the server does not hold");
  }

  @Test
  void aRememberedTokenExpiresWithTheToken(Vertx vertx) throws InterruptedException {
    Tokens tokens = new Tokens(vertx, Keys.generate(), Duration.ofSeconds(1));
    String token = tokens.issue(7, "session-a");
    assertEquals("session-a", tokens.sessionOf(token).await());
    Thread.sleep(7_500); // expiry plus the 5 s clock leeway the verifier allows
    assertThrows(Exception.class, () -> tokens.sessionOf(token).await());
  }

  @Test
  void duringARotationTokensOfThePreviousKeyAreAcceptedAndNewOnesNameTheCurrentKey(Vertx vertx) {
    Keys old = Keys.generate();
    Keys fresh = Keys.generate();
    String oldToken = new Tokens(vertx, old, Duration.ofMinutes(5)).issue(7, "session-old");
    Tokens rotated = new Tokens(vertx, fresh.withPrevious(java.util.List.of(old.jwtPublicPem()), java.util.List.of()), Duration.ofMinutes(5));
    assertEquals("session-old", rotated.sessionOf(oldToken).await(), "signed before the rotation, still valid until it expires");
    String newToken = rotated.issue(8, "session-new");
    String header = new String(java.util.Base64.getUrlDecoder().decode(newToken.split("\\.")[0]), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(Keys.keyId(fresh.jwtPublicPem()), new io.vertx.core.json.JsonObject(header).getString("kid"));
    assertEquals("session-new", new Tokens(vertx, fresh, Duration.ofMinutes(5)).sessionOf(newToken).await());
    assertThrows(Exception.class, () -> new Tokens(vertx, fresh, Duration.ofMinutes(5)).sessionOf(oldToken).await(),
        "once the previous key is dropped, its tokens are refused");
    assertThrows(Exception.class, () -> new Tokens(vertx, old, Duration.ofMinutes(5)).sessionOf(newToken).await(),
        "a node that does not hold the new key refuses its tokens (roll the accepted key out first)");
  }
}
