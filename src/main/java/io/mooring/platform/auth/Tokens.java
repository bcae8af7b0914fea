package io.mooring.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.metrics.Caches;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Duration;
import java.util.List;

/**
 * JWTs through vertx-auth-jwt. ES256 only (the algorithm is pinned by registering only EC keys),
 * issuer and audience checked, short expiry. A token names its session row; the row decides.
 */
public final class Tokens {
  private static final String ALG = "ES256";

  private static final long REMEMBER_MILLIS = 60_000;
  /**
   * At most this many verified tokens are remembered (a token is under 1 KB: ~10 MB). When full,
   * Caffeine evicts the entries least likely to be used again; an evicted token is verified again.
   */
  static final int MAX_REMEMBERED = 10_000;

  private final JWTAuth jwt;
  /** Bounded by {@link #MAX_REMEMBERED} and by {@link #REMEMBER_MILLIS} after writing; never past the token's own expiry. */
  private final Cache<String, Verified> verified = Caches.bounded("mooring.verified_tokens", MAX_REMEMBERED, Duration.ofMillis(REMEMBER_MILLIS));
  private final Duration ttl;

  public Tokens(Vertx vertx, Keys keys, Duration ttl) {
    this.ttl = ttl;
    JWTOptions options = new JWTOptions()
        .setAlgorithm(ALG)
        .setIssuer(AppConfig.ISSUER)
        .setAudience(List.of(AppConfig.AUDIENCE))
        .setLeeway(5);
    // Each key carries its id: a token names the key that signed it (kid), so during a rotation a node verifies
    // tokens signed with the previous key until they expire, and signs new ones with the current key only.
    String kid = Keys.keyId(keys.jwtPublicPem());
    JWTAuthOptions auth = new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALG).setId(kid).setBuffer(keys.jwtPrivatePem()))
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALG).setId(kid).setBuffer(keys.jwtPublicPem()))
        .setJWTOptions(options);
    for (String accepted : keys.jwtAcceptedPublicPems()) {
      auth.addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALG).setId(Keys.keyId(accepted)).setBuffer(accepted));
    }
    this.jwt = JWTAuth.create(vertx, auth);
  }

  public Duration ttl() {
    return ttl;
  }

  public String issue(long userId, String sessionId) {
    return jwt.generateToken(
        new JsonObject().put("sub", String.valueOf(userId)).put("sid", sessionId),
        new JWTOptions()
            .setAlgorithm(ALG)
            .setIssuer(AppConfig.ISSUER)
            .setAudience(List.of(AppConfig.AUDIENCE))
            .setExpiresInSeconds((int) ttl.toSeconds()));
  }

  /** The session id a valid token names; fails for a bad signature, algorithm, issuer, audience or expiry. */
  public Future<String> sessionOf(String token) {
    Verified hit = verified.getIfPresent(token);
    long now = System.currentTimeMillis();
    if (hit != null && hit.validUntilMillis() > now) {
      return Future.succeededFuture(hit.sessionId());
    }
    return jwt.authenticate(new TokenCredentials(token)).map(user -> {
      String sid = user.principal().getString("sid");
      if (sid == null) {
        throw new IllegalArgumentException("token has no session");
      }
      // vertx-auth-jwt keeps the registered claims (exp, iat) in the attributes, not the principal.
      remember(token, sid, user.attributes().getLong("exp", 0L) * 1000, now);
      return sid;
    });
  }

  /**
   * An ES256 signature check costs more CPU than the rest of a small request (profiled: about half
   * of the dashboard's samples), and a browser or client sends the same token many times. A
   * verified token is remembered briefly, never past its own expiry; the session it names is still
   * checked on every request ({@link SessionCache}), so sign-out, disabling and role changes keep
   * taking effect on the next request.
   */
  private void remember(String token, String sid, long expMillis, long now) {
    long until = Math.min(expMillis, now + REMEMBER_MILLIS);
    if (until > now) {
      verified.put(token, new Verified(sid, until));
    }
  }

  private record Verified(String sessionId, long validUntilMillis) {}
}
