package io.mooring.people;

import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.auth.Passwords;
import io.mooring.platform.auth.SessionCache;
import io.mooring.platform.auth.SessionRepository;
import io.mooring.platform.auth.Tokens;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in and sign-out. Attempts are throttled by {@link SignInThrottle} (per account and address,
 * growing delays, an account-wide pause only at NIST's 100 failures) from the database, so the
 * limits hold across server nodes; every attempt is audited.
 */
public final class SignInService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final Passwords passwords;
  private final Tokens tokens;
  private final SessionCache sessions;

  public SignInService(Pool pool, Passwords passwords, Tokens tokens, SessionCache sessions) {
    this.pool = pool;
    this.passwords = passwords;
    this.tokens = tokens;
    this.sessions = sessions;
  }

  public record SignedIn(String token, OffsetDateTime expiresAt, CurrentUser user) {}

  public Future<SignedIn> signIn(String email, String password, String address) {
    String normalized = email.toLowerCase();
    return SignInThrottle.counts(pool, normalized, address).compose(counts -> {
      var wait = SignInThrottle.check(counts);
      if (wait.isPresent()) {
        long seconds = wait.get().seconds();
        return AuditLog.record(pool, AuditLog.Entry.of(null, null, "signin.throttled").from(address).with("email", normalized)
                .with("scope", wait.get().scope()).with("retryAfterSeconds", seconds))
            .compose(v -> Future.failedFuture(new AppException(ErrorCode.TOO_MANY,
                "Too many failed sign-in attempts. Wait " + seconds + " seconds and try again.", java.util.List.of(),
                java.util.Map.of("retryAfterSeconds", seconds))));
      }
      return PeopleRepository.credentials(pool, normalized).compose(creds -> verify(creds, normalized, password, address));
    });
  }

  private Future<SignedIn> verify(Optional<PeopleRepository.Credentials> creds, String email, String password, String address) {
    String hash = creds.filter(PeopleRepository.Credentials::active).map(PeopleRepository.Credentials::passwordHash).orElse(null);
    return passwords.verify(password, hash).compose(ok -> {
      if (!ok) {
        Long orgId = creds.map(PeopleRepository.Credentials::orgId).orElse(null);
        Long userId = creds.map(PeopleRepository.Credentials::userId).orElse(null);
        return pool.withTransaction(tx -> PeopleRepository.recordAttempt(tx, email, address, false)
                .compose(v -> AuditLog.record(tx, AuditLog.Entry.of(orgId, userId, "signin.failed").from(address).with("email", email))))
            .compose(v -> Future.failedFuture(new AppException(ErrorCode.UNAUTHENTICATED, "That email and password do not match an active account.")));
      }
      PeopleRepository.Credentials c = creds.orElseThrow();
      UUID sid = UUID.randomUUID();
      OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(tokens.ttl());
      return pool.withTransaction(tx -> PeopleRepository.recordAttempt(tx, email, address, true)
              .compose(v -> SessionRepository.create(tx, sid, c.userId(), newCsrfToken(), expires))
              .compose(v -> AuditLog.record(tx, AuditLog.Entry.of(c.orgId(), c.userId(), "signin.succeeded").from(address)))
              .compose(v -> SessionRepository.current(tx, sid)))
          .map(user -> new SignedIn(tokens.issue(c.userId(), sid.toString()), expires, user));
    });
  }

  /** How often {@link #forgetOldAttempts} should run. */
  public static final java.time.Duration FORGET_ATTEMPTS_EVERY = SignInThrottle.FORGET_EVERY;

  /** Deletes sign-in attempts past every window the throttle reads (the table otherwise grows with every guess, for ever). */
  public Future<Integer> forgetOldAttempts() {
    return SignInThrottle.forgetOld(pool);
  }

  public Future<Void> signOut(CurrentUser user) {
    return pool.withTransaction(tx -> SessionRepository.revoke(tx, UUID.fromString(user.sessionId()))
        .compose(v -> AuditLog.record(tx, AuditLog.Entry.of(user.orgId(), user.id(), "signout"))))
        .onSuccess(v -> sessions.forgetSession(user.sessionId()));
  }

  private static String newCsrfToken() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
