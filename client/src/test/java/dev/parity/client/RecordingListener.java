package dev.parity.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A listener that writes down what it is told, one line per event. */
final class RecordingListener implements ParityClientListener {
  private final List<String> events = new ArrayList<>();

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  synchronized long count(String prefix) {
    return events.stream().filter(e -> e.startsWith(prefix)).count();
  }

  private synchronized void add(String event) {
    events.add(event);
  }

  @Override
  public void attemptEnded(String operation, URI endpoint, int attempt, boolean hedge, Duration elapsed,
      int httpStatus, ParityClientException failure) {
    add("attempt " + operation + " " + endpoint + " #" + attempt + (hedge ? " hedge" : "") + " " + httpStatus
        + (failure == null ? " ok" : " " + failure.getClass().getSimpleName()));
  }

  @Override
  public void callEnded(String operation, Duration elapsed, int attempts, ParityClientException failure) {
    add("call " + operation + " " + attempts + (failure == null ? " ok" : " " + failure.getClass().getSimpleName()));
  }

  @Override
  public void retryScheduled(String operation, int retry, Duration backoff, ParityClientException cause) {
    add("retry " + operation + " " + retry + " after " + backoff.toMillis() + " ms");
  }

  @Override
  public void retryBudgetExhausted(String operation) {
    add("budget " + operation);
  }

  @Override
  public void hedgeSent(String operation, URI endpoint) {
    add("hedge " + operation + " " + endpoint);
  }

  @Override
  public void circuitStateChanged(URI endpoint, CircuitState from, CircuitState to) {
    add("circuit " + endpoint + " " + from + " -> " + to);
  }

  @Override
  public void nearCache(int hits, int misses) {
    add("cache " + hits + " " + misses);
  }
}
