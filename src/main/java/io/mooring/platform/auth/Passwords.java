package io.mooring.platform.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Argon2id through password4j, on its own small worker pool with a bounded queue. Each hash holds
 * 19 MiB while it runs, so on Vert.x's shared pool of 20 workers a burst of sign-ins held ~400 MB
 * of heap; here at most {@link #THREADS} hashes run at once and at most {@link #QUEUE_LIMIT} more
 * wait. Past that the caller gets 503 with Retry-After instead of an ever longer queue.
 */
public final class Passwords {
  /** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane (without the library's idle 19 MiB template). */
  private static final Argon2Function ARGON2 = Argon2Template.withSharedZeroRows(Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID));
  public static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  public static final int QUEUE_LIMIT = 64;
  public static final int RETRY_AFTER_SECONDS = 2;

  private final WorkerExecutor workers;
  private final AtomicInteger waitingOrRunning = new AtomicInteger();

  /** Also computes the dummy hash on a worker now, so neither start-up nor the first sign-in waits for it. */
  public Passwords(Vertx vertx) {
    // Shared by name: every Passwords of this Vert.x instance uses the same few threads.
    this.workers = vertx.createSharedWorkerExecutor("mooring-argon2", THREADS);
    workers.executeBlocking(() -> Dummy.HASH, false);
  }

  /**
   * A real hash of a random password, verified when the account does not exist so timing does not
   * tell. In a holder class: computing it costs an Argon2 hash, which start-up should not pay.
   */
  private static final class Dummy {
    static final String HASH = ARGON2.hash("not-a-real-password-" + System.nanoTime()).getResult();
  }

  public Future<String> hash(String password) {
    return bounded(() -> hashNow(password));
  }

  /** Verifies against the stored hash; a null hash (unknown account) still costs one verification. */
  public Future<Boolean> verify(String password, String storedHash) {
    return bounded(() -> {
      boolean ok = Password.check(password, storedHash == null ? Dummy.HASH : storedHash).with(ARGON2);
      return ok && storedHash != null;
    });
  }

  private <T> Future<T> bounded(Callable<T> work) {
    if (waitingOrRunning.incrementAndGet() > THREADS + QUEUE_LIMIT) {
      waitingOrRunning.decrementAndGet();
      return Future.failedFuture(new AppException(ErrorCode.UNAVAILABLE,
          "Too many password checks at once. Try again in a moment.", List.of(),
          Map.of("retryAfterSeconds", RETRY_AFTER_SECONDS)));
    }
    return workers.executeBlocking(work, false).andThen(done -> waitingOrRunning.decrementAndGet());
  }

  /** For command-line tools and fixtures that are not on an event loop. */
  public static String hashNow(String password) {
    return Password.hash(password).with(ARGON2).getResult();
  }
}
