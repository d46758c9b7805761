package dev.parity.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When the circuit breaker of a base URL opens and for how long. After {@code failureThreshold}
 * consecutive failed attempts (connection refused or reset, an attempt timed out, HTTP 429 or
 * 5xx, a malformed answer) the circuit opens: calls to that base URL fail fast with {@link
 * CircuitOpenException} (or go to another base URL) for {@code openDuration}; then one probe is let
 * through (half-open), whose success closes the circuit and whose failure opens it again for
 * another {@code openDuration}. Answers that blame the request (4xx other than 429) count as
 * successes: the server is up.
 *
 * @param failureThreshold consecutive failures that open the circuit, at least 1; {@code
 *     Integer.MAX_VALUE} never opens it
 * @param openDuration how long an open circuit refuses calls before its probe
 */
public record CircuitBreakerPolicy(int failureThreshold, Duration openDuration) {
  /** Opens after 5 consecutive failures, for 2 seconds. */
  public static final CircuitBreakerPolicy DEFAULT = new CircuitBreakerPolicy(5, Duration.ofSeconds(2));

  public CircuitBreakerPolicy {
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be at least 1, got " + failureThreshold);
    }
    requireNonNull(openDuration, "openDuration is null");
    if (openDuration.isNegative() || openDuration.isZero()) {
      throw new IllegalArgumentException("openDuration must be positive, got " + openDuration);
    }
  }

  /** A breaker that never opens. */
  public static CircuitBreakerPolicy disabled() {
    return new CircuitBreakerPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1));
  }
}
