package dev.parity.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How failed attempts are retried. Only failures a retry can mend are retried: connection
 * refused, reset or closed mid-answer, an attempt that timed out, HTTP 429, 502, 503 and 504 —
 * and, for calls that write (push, starting a job), only those that cannot have reached the
 * server's logic (connection refused, 429). The n-th retry waits a random time between half and
 * all of {@code min(maxBackoff, initialBackoff * multiplier^(n-1))} ("equal jitter", so that
 * clients failing together do not retry together), and is made only if it can start before the
 * call's deadline.
 *
 * <p>Retries (and hedged attempts) also draw on a retry budget shared by all calls of a client:
 * every call adds {@code budgetRatio} of a retry to it, every retry takes one, and it holds at
 * most {@code budgetBurst} retries (it starts full). So retries are at most about {@code
 * budgetRatio} of calls (plus the burst), and an outage of the server is not multiplied by the
 * clients' retries.
 *
 * @param maxAttempts attempts per call including the first, at least 1 (1: no retries)
 * @param initialBackoff the first retry's backoff before jitter
 * @param maxBackoff the most any backoff is before jitter
 * @param multiplier how much each backoff grows, at least 1
 * @param budgetRatio the fraction of calls that may be retried, in [0, 1]
 * @param budgetBurst the retries the budget holds at most (and starts with), at least 0
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
    double budgetRatio, int budgetBurst) {
  /** 3 attempts, backoff 10 ms doubling up to 200 ms, retries at most 10 % of calls plus 10. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(200), 2.0,
      0.1, 10);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    requireNonNull(initialBackoff, "initialBackoff is null");
    requireNonNull(maxBackoff, "maxBackoff is null");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoffs must satisfy 0 <= initialBackoff <= maxBackoff, got "
          + initialBackoff + " and " + maxBackoff);
    }
    if (!(multiplier >= 1)) {
      throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
    }
    if (!(budgetRatio >= 0 && budgetRatio <= 1)) {
      throw new IllegalArgumentException("budgetRatio must be between 0 and 1, got " + budgetRatio);
    }
    if (budgetBurst < 0) {
      throw new IllegalArgumentException("budgetBurst must be at least 0, got " + budgetBurst);
    }
  }

  /** No retries. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1, 0, 0);
  }

  /** This policy with {@code maxAttempts}. */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialBackoff, maxBackoff, multiplier, budgetRatio, budgetBurst);
  }

  /** This policy with another backoff. */
  public RetryPolicy withBackoff(Duration initial, Duration max, double factor) {
    return new RetryPolicy(maxAttempts, initial, max, factor, budgetRatio, budgetBurst);
  }

  /** This policy with another retry budget. */
  public RetryPolicy withBudget(double ratio, int burst) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, ratio, burst);
  }

  /** The backoff before jitter of retry {@code retry} (1 for the first retry), in nanoseconds. */
  long backoffNanos(int retry) {
    double nanos = initialBackoff.toNanos() * Math.pow(multiplier, retry - 1);
    return (long) Math.min(nanos, maxBackoff.toNanos());
  }
}
