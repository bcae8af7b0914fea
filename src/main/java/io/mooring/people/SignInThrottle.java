package io.mooring.people;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Sign-in throttling that slows attackers without locking out the account's owner. Failures are
 * counted per (account, client address) since that pair's last success, and each failure past the
 * first few doubles the wait before that pair may try again (1 s, 2 s, 4 s … at most 15 minutes), so
 * guessing from one address never stops the owner signing in from another. An account-wide pause
 * applies only after {@link #ACCOUNT_LIMIT} consecutive failures from all addresses together (NIST SP
 * 800-63B §5.2.2 allows at most 100), and one address failing on many accounts is paused as before.
 * Counts live in PostgreSQL (login_attempts), so every node applies the same limits and no node
 * holds a map that an attacker could grow.
 */
final class SignInThrottle {
  static final int FREE_FAILURES = 3;
  static final Duration MAX_DELAY = Duration.ofMinutes(15);
  static final int ACCOUNT_LIMIT = 100;
  static final Duration ACCOUNT_PAUSE = Duration.ofHours(1);
  static final int ADDRESS_LIMIT = 30;
  static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);
  /** Longer than every window above (1 day of failures, 1 hour pause), so forgetting older rows changes no decision. */
  static final Duration KEPT = Duration.ofDays(2);
  static final Duration FORGET_EVERY = Duration.ofHours(1);

  private static final String FORGET = "delete from login_attempts where at < now() - make_interval(secs => $1)";

  private static final String COUNTS = """
      with pair_ok as (select coalesce(max(at), '-infinity'::timestamptz) as t from login_attempts
                        where email = $1 and address = $2 and success),
           account_ok as (select coalesce(max(at), '-infinity'::timestamptz) as t from login_attempts where email = $1 and success)
      select (select count(*) from login_attempts a, pair_ok where a.email = $1 and a.address = $2 and not a.success
                 and a.at > pair_ok.t and a.at > now() - interval '1 day') as pair_failures,
             (select max(at) from login_attempts where email = $1 and address = $2 and not success) as pair_last,
             (select count(*) from login_attempts a, account_ok where a.email = $1 and not a.success
                 and a.at > account_ok.t and a.at > now() - interval '1 day') as account_failures,
             (select max(at) from login_attempts where email = $1 and not success) as account_last,
             (select count(*) from login_attempts where address = $2 and not success and at > now() - interval '15 minutes') as address_failures,
             now() as now""";

  private SignInThrottle() {}

  /** Deletes attempts older than {@link #KEPT}: without it the table grows with every guess an attacker makes, for ever. */
  static Future<Integer> forgetOld(SqlClient db) {
    return db.preparedQuery(FORGET).execute(Tuple.of((double) KEPT.toSeconds())).map(rows -> rows.rowCount());
  }

  record Counts(long pairFailures, OffsetDateTime pairLast, long accountFailures, OffsetDateTime accountLast, long addressFailures,
                OffsetDateTime now) {}

  /** Why an attempt must wait, and for how long. */
  record Wait(String scope, Duration retryAfter) {
    long seconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  static Future<Counts> counts(SqlClient db, String email, String address) {
    return db.preparedQuery(COUNTS).execute(Tuple.of(email, address)).map(rows -> {
      Row r = rows.iterator().next();
      return new Counts(r.getLong("pair_failures"), r.getOffsetDateTime("pair_last"), r.getLong("account_failures"),
          r.getOffsetDateTime("account_last"), r.getLong("address_failures"), r.getOffsetDateTime("now"));
    });
  }

  /** The wait after {@code failures} consecutive failures of one (account, address) pair: none for the first few, then doubling. */
  static Duration delayAfter(long failures) {
    if (failures < FREE_FAILURES) {
      return Duration.ZERO;
    }
    long exponent = Math.min(failures - FREE_FAILURES, 20);
    Duration d = Duration.ofSeconds(1L << exponent);
    return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
  }

  /** Empty when the attempt may go ahead; otherwise the scope that holds it back and how long is left. */
  static Optional<Wait> check(Counts c) {
    if (c.accountFailures() >= ACCOUNT_LIMIT) {
      return remaining("account", c.accountLast(), ACCOUNT_PAUSE, c.now());
    }
    if (c.addressFailures() >= ADDRESS_LIMIT) {
      return Optional.of(new Wait("address", ADDRESS_WINDOW));
    }
    return remaining("account_and_address", c.pairLast(), delayAfter(c.pairFailures()), c.now());
  }

  private static Optional<Wait> remaining(String scope, OffsetDateTime last, Duration pause, OffsetDateTime now) {
    if (last == null || pause.isZero()) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, last.plus(pause));
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(new Wait(scope, left));
  }
}
