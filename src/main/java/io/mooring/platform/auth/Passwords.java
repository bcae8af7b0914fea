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
  private final Vertx vertx;

  /** Also computes the dummy hash on a worker now, so neither start-up nor the first sign-in waits for it. */
  public Passwords(Vertx vertx) {
    this.vertx = vertx;
    vertx.executeBlocking(() -> Dummy.HASH, false);
  }

  /**
   * A real hash of a random password, verified when the account does not exist so timing does not
   * tell. In a holder class: computing it costs an Argon2 hash, which start-up should not pay.
   */
  private static final class Dummy {
    static final String HASH = ARGON2.hash("not-a-real-password-" + System.nanoTime()).getResult();
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  /** Verifies against the stored hash; a null hash (unknown account) still costs one verification. */
  public Future<Boolean> verify(String password, String storedHash) {
    return vertx.executeBlocking(() -> {
      boolean ok = Password.check(password, storedHash == null ? Dummy.HASH : storedHash).with(ARGON2);
      return ok && storedHash != null;
    }, false);
  }

  /** For command-line tools and fixtures that are not on an event loop. */
  public static String hashNow(String password) {
    return Password.hash(password).with(ARGON2).getResult();
  }
}
