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
}
