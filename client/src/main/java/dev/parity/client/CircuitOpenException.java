package dev.parity.client;

/**
 * The call was not sent: the circuit breaker of every base URL is open after repeated failures,
 * so the client fails fast instead of adding load to a failing server. The breaker lets a probe
 * through once its open duration is over (see {@link CircuitBreakerPolicy}).
 */
public final class CircuitOpenException extends UnavailableException {
  CircuitOpenException(String message, Throwable cause) {
    super(message, 0, cause);
  }
}
