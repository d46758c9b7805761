package dev.parity.client;

import java.net.URI;
import java.time.Duration;

/** The user's listener behind a guard: its exceptions are logged, never let into a call. */
final class SafeListener implements ParityClientListener {
  private static final System.Logger LOG = System.getLogger(SafeListener.class.getName());
  private final ParityClientListener delegate;

  SafeListener(ParityClientListener delegate) {
    this.delegate = delegate;
  }

  private void guarded(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "A ParityClientListener threw; the call goes on", e);
    }
  }

  @Override
  public void attemptEnded(String operation, URI endpoint, int attempt, boolean hedge, Duration elapsed,
      int httpStatus, ParityClientException failure) {
    guarded(() -> delegate.attemptEnded(operation, endpoint, attempt, hedge, elapsed, httpStatus, failure));
  }

  @Override
  public void callEnded(String operation, Duration elapsed, int attempts, ParityClientException failure) {
    guarded(() -> delegate.callEnded(operation, elapsed, attempts, failure));
  }

  @Override
  public void retryScheduled(String operation, int retry, Duration backoff, ParityClientException cause) {
    guarded(() -> delegate.retryScheduled(operation, retry, backoff, cause));
  }

  @Override
  public void retryBudgetExhausted(String operation) {
    guarded(() -> delegate.retryBudgetExhausted(operation));
  }

  @Override
  public void hedgeSent(String operation, URI endpoint) {
    guarded(() -> delegate.hedgeSent(operation, endpoint));
  }

  @Override
  public void circuitStateChanged(URI endpoint, CircuitState from, CircuitState to) {
    guarded(() -> delegate.circuitStateChanged(endpoint, from, to));
  }

  @Override
  public void degradedToDefaults(String operation, Duration elapsed, int rows, ParityClientException cause) {
    guarded(() -> delegate.degradedToDefaults(operation, elapsed, rows, cause));
  }

  @Override
  public void nearCache(int hits, int misses) {
    guarded(() -> delegate.nearCache(hits, misses));
  }
}
