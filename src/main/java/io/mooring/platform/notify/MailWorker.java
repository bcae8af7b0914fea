package io.mooring.platform.notify;

import io.mooring.platform.config.SmtpUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the e-mail outbox on every node. Each tick claims at most {@value #BATCH} due mails (skip
 * locked + a lease, so exactly one node takes each), re-checks that each recipient is still entitled,
 * and sends. A failed send is retried after 5 s, 10 s, 20 s… capped at one hour; after
 * {@value #MAX_ATTEMPTS} attempts (about 30 hours of the SMTP server being down) the mail is
 * marked failed and only the in-app notification remains. While SMTP is down, mails wait in the table
 * (on disk, not in memory) and drain at {@value #BATCH} per second per node when it is back.
 * A node that dies mid-send leaves its lease to run out: that mail becomes in_doubt and is never
 * retried, because it may have gone out — a mail is sent at most once.
 */
public final class MailWorker {
  static final int BATCH = 20;
  static final long TICK_MS = 1000;
  static final int LEASE_SECONDS = 120;
  static final int MAX_ATTEMPTS = 40;
  static final long FIRST_RETRY_SECONDS = 5;
  static final long LAST_RETRY_SECONDS = 3600;
  private static final Logger LOG = LoggerFactory.getLogger(MailWorker.class);
  static final long DEPTH_EVERY_MS = 15_000;
  private static final String DEPTH = "select count(*) filter (where status = 'pending'), count(*) filter (where status = 'failed') from notification_mail";
  // Outbox figures on /metrics: mails waiting, mails given up on (in the table), sends and failed attempts (this node).
  private static final java.util.concurrent.atomic.AtomicLong WAITING =
      io.micrometer.core.instrument.Metrics.gauge("mooring.notify.mail.waiting", new java.util.concurrent.atomic.AtomicLong());
  private static final java.util.concurrent.atomic.AtomicLong GAVE_UP =
      io.micrometer.core.instrument.Metrics.gauge("mooring.notify.mail.failed", new java.util.concurrent.atomic.AtomicLong());
  private static final io.micrometer.core.instrument.Counter SENT = io.micrometer.core.instrument.Metrics.counter("mooring.notify.mail.sent");
  private static final io.micrometer.core.instrument.Counter ATTEMPT_FAILED =
      io.micrometer.core.instrument.Metrics.counter("mooring.notify.mail.attempts.failed");

  private final Vertx vertx;
  private final Pool pool;
  private final Notifications notices;
  private final SmtpUrl smtp;
  private final String baseUrl;
  private final String node = UUID.randomUUID().toString();
  private MailClient client;
  private long timer = -1;
  private long depthTimer = -1;
  /** One tick at a time per node; timer and database callbacks may run on different threads. */
  private final AtomicBoolean busy = new AtomicBoolean();

  /** {@code baseUrl}: MOORING_PUBLIC_URL, or this server's own address, for the links in mails. */
  public MailWorker(Vertx vertx, Pool pool, Notifications notices, SmtpUrl smtp, String baseUrl) {
    this.vertx = vertx;
    this.pool = pool;
    this.notices = notices;
    this.smtp = smtp;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public void start() {
    client = MailClient.create(vertx, config(smtp));
    timer = vertx.setPeriodic(TICK_MS, t -> tick());
    depthTimer = vertx.setPeriodic(DEPTH_EVERY_MS, t -> pool.query(DEPTH).execute().onSuccess(rows -> {
      var r = rows.iterator().next();
      WAITING.set(r.getLong(0));
      GAVE_UP.set(r.getLong(1));
    }));
  }

  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (depthTimer >= 0) {
      vertx.cancelTimer(depthTimer);
    }
    return client == null ? Future.succeededFuture() : client.close();
  }

  static MailConfig config(SmtpUrl smtp) {
    MailConfig c = new MailConfig().setHostname(smtp.host()).setPort(smtp.port()).setSsl(smtp.ssl())
        .setStarttls(StartTLSOptions.valueOf(smtp.starttls().toUpperCase()))
        .setMaxPoolSize(4).setKeepAlive(true).setAllowRcptErrors(false);
    // Well inside the lease, so a hung server fails the send (and it is retried) before the lease runs out.
    c.setConnectTimeout(10_000);
    c.setIdleTimeout(30);
    if (smtp.user() != null) {
      c.setUsername(smtp.user()).setPassword(smtp.password() == null ? "" : smtp.password()).setLogin(LoginOption.REQUIRED);
    } else {
      c.setLogin(LoginOption.DISABLED);
    }
    return c;
  }

  private void tick() {
    if (!busy.compareAndSet(false, true)) {
      return;
    }
    MailOutbox.markInDoubt(pool)
        .compose(v -> MailOutbox.claim(pool, BATCH, LEASE_SECONDS, node))
        .compose(this::deliver)
        .onFailure(e -> LOG.warn("e-mail outbox: {}", e.getMessage()))
        .onComplete(ar -> busy.set(false));
  }

  private Future<Void> deliver(java.util.Map<Long, Integer> claimed) {
    if (claimed.isEmpty()) {
      return Future.succeededFuture();
    }
    // Nothing has been sent if reading the recipients fails: hand the claims back rather than let them go in doubt.
    Future<List<MailOutbox.Delivery>> recipients = MailOutbox.deliveries(pool, claimed.keySet())
        .recover(e -> MailOutbox.release(pool, claimed.keySet(), node).transform(v -> Future.failedFuture(e)));
    return recipients.compose(this::stillEntitled).compose(deliveries -> {
      Set<Long> entitled = new HashSet<>();
      List<Future<Void>> sends = new ArrayList<>();
      for (MailOutbox.Delivery d : deliveries) {
        entitled.add(d.id());
        sends.add(send(d, claimed.get(d.id())));
      }
      List<Long> gone = claimed.keySet().stream().filter(id -> !entitled.contains(id)).toList();
      return MailOutbox.dropped(pool, gone, node, "recipient no longer entitled or no longer wants e-mail")
          .compose(v -> Future.join(sends)).mapEmpty();
    });
  }

  /** The rule the in-app list applies too (the kind's role, the feature's own check), asked now, just before sending. */
  private Future<List<MailOutbox.Delivery>> stillEntitled(List<MailOutbox.Delivery> deliveries) {
    List<Future<Boolean>> checks = deliveries.stream().map(d -> notices.stillEntitled(d.kind(), d.recipientId(), d.roles(), d.link()))
        .toList();
    return Future.join(checks).transform(ar -> {
      List<MailOutbox.Delivery> ok = new ArrayList<>();
      for (int i = 0; i < deliveries.size(); i++) {
        if (Boolean.TRUE.equals(checks.get(i).result())) {
          ok.add(deliveries.get(i));
        }
      }
      return Future.succeededFuture(ok);
    });
  }

  private Future<Void> send(MailOutbox.Delivery d, int attempt) {
    return client.sendMail(MailText.message(smtp.from(), baseUrl, d))
        .compose(ok -> {
          SENT.increment();
          return MailOutbox.sent(pool, d.id(), node);
        }, err -> {
          ATTEMPT_FAILED.increment();
          LOG.info("e-mail {} not sent, will retry: {}", d.id(), err.getMessage());
          return MailOutbox.retry(pool, d.id(), node, backoffSeconds(attempt), MAX_ATTEMPTS, err.getMessage());
        });
  }

  /** 5 s after the first failure, doubling, at most an hour. */
  static long backoffSeconds(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 20));
    return Math.min(LAST_RETRY_SECONDS, FIRST_RETRY_SECONDS << doublings);
  }
}
