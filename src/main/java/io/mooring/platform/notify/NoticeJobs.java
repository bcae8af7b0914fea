package io.mooring.platform.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodic checks that produce notices (session reminders, overdue supervision, check-ins due), and
 * housekeeping that must be idempotent the same way (forgetting old sign-in attempts). Every node
 * runs them; they are idempotent across nodes because each notice has an event key and a person
 * gets at most one notification per key, so a second node's run inserts nothing. A run still going
 * when the next is due is skipped rather than stacked.
 */
public final class NoticeJobs {
  private static final Logger LOG = LoggerFactory.getLogger(NoticeJobs.class);
  private static final long FIRST_RUN_MS = 10_000;

  private record Job(String name, Duration every, Supplier<Future<?>> run) {}

  private final List<Job> jobs = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();

  /** Registers a check; features call this while they are built, before {@link #start}. */
  public void every(String name, Duration every, Supplier<Future<?>> run) {
    jobs.add(new Job(name, every, run));
  }

  public void start(Vertx vertx) {
    for (Job job : jobs) {
      AtomicBoolean running = new AtomicBoolean();
      timers.add(vertx.setPeriodic(FIRST_RUN_MS, job.every().toMillis(), t -> {
        if (!running.compareAndSet(false, true)) {
          return;
        }
        run(job).onFailure(e -> LOG.warn("notice job {} failed, next run in {}: {}", job.name(), job.every(), e.getMessage()))
            .onComplete(ar -> running.set(false));
      }));
    }
  }

  /** A job that throws instead of failing its future must not stay "running" for ever. */
  private static Future<?> run(Job job) {
    try {
      return job.run().get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  public void stop(Vertx vertx) {
    timers.forEach(vertx::cancelTimer);
    timers.clear();
  }
}
