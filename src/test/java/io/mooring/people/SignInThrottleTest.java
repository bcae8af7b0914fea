package io.mooring.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic: free attempts, doubling delays with a ceiling, the account-wide limit at 100. */
class SignInThrottleTest {
  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-06-01T12:00:00Z");

  static SignInThrottle.Counts counts(long pair, long pairAgoSeconds, long account, long address) {
    OffsetDateTime last = NOW.minusSeconds(pairAgoSeconds);
    return new SignInThrottle.Counts(pair, pair == 0 ? null : last, account, account == 0 ? null : last, address, NOW);
  }

  @Test
  void delaysGrowByDoublingUpToFifteenMinutes() {
    assertEquals(Duration.ZERO, SignInThrottle.delayAfter(0));
    assertEquals(Duration.ZERO, SignInThrottle.delayAfter(SignInThrottle.FREE_FAILURES - 1));
    assertEquals(Duration.ofSeconds(1), SignInThrottle.delayAfter(SignInThrottle.FREE_FAILURES));
    assertEquals(Duration.ofSeconds(2), SignInThrottle.delayAfter(SignInThrottle.FREE_FAILURES + 1));
    assertEquals(Duration.ofSeconds(64), SignInThrottle.delayAfter(SignInThrottle.FREE_FAILURES + 6));
    assertEquals(Duration.ofMinutes(15), SignInThrottle.delayAfter(1_000_000));
  }

  @Test
  void aPairMayTryAgainOnceItsDelayHasPassed() {
    assertTrue(SignInThrottle.check(counts(2, 0, 2, 2)).isEmpty());
    var wait = SignInThrottle.check(counts(5, 1, 5, 5)).orElseThrow();
    assertEquals("account_and_address", wait.scope());
    assertEquals(3, wait.seconds());
    assertTrue(SignInThrottle.check(counts(5, 5, 5, 5)).isEmpty());
  }

  @Test
  void theAccountWideLimitAppliesOnlyAtOneHundredConsecutiveFailures() {
    assertTrue(SignInThrottle.check(counts(0, 0, 99, 0)).isEmpty());
    var wait = SignInThrottle.check(counts(0, 0, SignInThrottle.ACCOUNT_LIMIT, 0)).orElseThrow();
    assertEquals("account", wait.scope());
    assertEquals(Duration.ofHours(1), wait.retryAfter());
    assertEquals("address", SignInThrottle.check(counts(0, 0, 1, SignInThrottle.ADDRESS_LIMIT)).orElseThrow().scope());
  }
}
