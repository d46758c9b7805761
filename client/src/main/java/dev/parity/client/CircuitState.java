package dev.parity.client;

/** The state of the circuit breaker of one base URL (see {@link CircuitBreakerPolicy}). */
public enum CircuitState {
  /** Calls go through; consecutive failures are counted. */
  CLOSED,
  /** Calls fail fast without being sent, until the open duration is over. */
  OPEN,
  /** One probe call goes through; its success closes the circuit, its failure opens it again. */
  HALF_OPEN
}
