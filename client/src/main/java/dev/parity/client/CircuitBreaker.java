package dev.parity.client;

import java.net.URI;

/**
 * The circuit breaker of one base URL (see {@link CircuitBreakerPolicy}). An attempt asks {@link
 * #admit} before it is sent and reports its end with {@link #succeeded}, {@link #failed} or
 * {@link #abandoned}. State changes are reported to the listener after the lock is released.
 * Thread-safe.
 */
final class CircuitBreaker {
  /** What {@link #admit} allows. */
  enum Admission {
    REFUSED,
    ADMITTED,
    /** The one attempt of a half-open circuit: its end decides the state. */
    PROBE
  }

  private final URI endpoint;
  private final CircuitBreakerPolicy policy;
  private final Ticker ticker;
  private final ParityClientListener listener;
  private CircuitState state = CircuitState.CLOSED;
  private int consecutiveFailures;
  private long openedAt;
  private boolean probing;
  private ParityClientException lastFailure;

  CircuitBreaker(URI endpoint, CircuitBreakerPolicy policy, Ticker ticker, ParityClientListener listener) {
    this.endpoint = endpoint;
    this.policy = policy;
    this.ticker = ticker;
    this.listener = listener;
  }

  Admission admit() {
    Admission admission;
    CircuitState before;
    CircuitState after;
    synchronized (this) {
      before = state;
      switch (state) {
        case CLOSED -> admission = Admission.ADMITTED;
        case OPEN -> {
          if (ticker.read() - openedAt >= policy.openDuration().toNanos()) {
            state = CircuitState.HALF_OPEN;
            probing = true;
            admission = Admission.PROBE;
          } else {
            admission = Admission.REFUSED;
          }
        }
        default -> {
          admission = probing ? Admission.REFUSED : Admission.PROBE;
          probing = true;
        }
      }
      after = state;
    }
    notify(before, after);
    return admission;
  }

  /** An attempt had an answer that shows the server works (2xx, or a 4xx blaming the request). */
  void succeeded(Admission admission) {
    CircuitState before;
    CircuitState after;
    synchronized (this) {
      before = state;
      consecutiveFailures = 0;
      if (admission == Admission.PROBE || state == CircuitState.HALF_OPEN) {
        // A late success of an attempt admitted before the circuit opened also shows the server is back.
        probing = false;
        state = CircuitState.CLOSED;
      }
      after = state;
    }
    notify(before, after);
  }

  /** An attempt failed in a way that blames the server or the network. */
  void failed(Admission admission, ParityClientException failure) {
    CircuitState before;
    CircuitState after;
    synchronized (this) {
      before = state;
      lastFailure = failure;
      if (admission == Admission.PROBE || state == CircuitState.HALF_OPEN) {
        probing = false;
        open();
      } else if (state == CircuitState.CLOSED && ++consecutiveFailures >= policy.failureThreshold()) {
        open();
      }
      after = state;
    }
    notify(before, after);
  }

  /** An attempt ended without a verdict (a hedge partner answered first, the caller cancelled). */
  synchronized void abandoned(Admission admission) {
    if (admission == Admission.PROBE && state == CircuitState.HALF_OPEN) {
      probing = false;
    }
  }

  /** The last failure counted, the cause of a fail-fast refusal; null before any. */
  synchronized ParityClientException lastFailure() {
    return lastFailure;
  }

  synchronized CircuitState state() {
    return state;
  }

  URI endpoint() {
    return endpoint;
  }

  private void open() {
    state = CircuitState.OPEN;
    openedAt = ticker.read();
    consecutiveFailures = 0;
  }

  private void notify(CircuitState before, CircuitState after) {
    if (before != after) {
      listener.circuitStateChanged(endpoint, before, after);
    }
  }
}
