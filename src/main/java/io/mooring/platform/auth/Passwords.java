package io.mooring.platform.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Argon2id through password4j, always on a worker thread: hashing takes tens of milliseconds of
 * CPU and must never run on an event loop.
 */
public final class Passwords {
  /** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
  private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);
  /** A real hash of a random password, verified when the account does not exist so timing does not tell. */
  private static final String DUMMY = ARGON2.hash("not-a-real-password-" + System.nanoTime()).getResult();

  private final Vertx vertx;

  public Passwords(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  /** Verifies against the stored hash; a null hash (unknown account) still costs one verification. */
  public Future<Boolean> verify(String password, String storedHash) {
    return vertx.executeBlocking(() -> {
      boolean ok = Password.check(password, storedHash == null ? DUMMY : storedHash).with(ARGON2);
      return ok && storedHash != null;
    }, false);
  }

  /** For command-line tools and fixtures that are not on an event loop. */
  public static String hashNow(String password) {
    return Password.hash(password).with(ARGON2).getResult();
  }
}
