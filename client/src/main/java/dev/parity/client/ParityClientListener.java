package dev.parity.client;

import java.net.URI;
import java.time.Duration;

/**
 * What a client does, for metrics and logs, without imposing a metrics library: implement the
 * methods you need (all default to nothing) and pass the listener to {@link
 * ParityClientBuilder#listener}. Methods are called on the client's threads, outside its locks,
 * possibly concurrently: keep them quick and thread-safe. An exception a method throws is logged
 * (through {@link System.Logger}) and otherwise ignored.
 */
public interface ParityClientListener {
  /** A listener that does nothing. */
  ParityClientListener NONE = new ParityClientListener() {};

  /**
   * One HTTP attempt ended.
   *
   * @param operation what the call does: {@code lookup}, {@code defaults} (fetching the declared
   *     defaults a lookup may degrade to), {@code push}, {@code job-start}, {@code job-status}
   * @param endpoint the base URL it went to
   * @param attempt its number within the call, 1 for the first
   * @param hedge whether it was a hedged attempt
   * @param elapsed from sending to the answer or the failure
   * @param httpStatus the answer's status, or 0 when there was none
   * @param failure why it failed, or null when it succeeded
   */
  default void attemptEnded(String operation, URI endpoint, int attempt, boolean hedge, Duration elapsed,
      int httpStatus, ParityClientException failure) {}

  /**
   * A call ended, successfully or not.
   *
   * @param attempts the HTTP attempts it made (0 when it was answered by the near cache or failed
   *     fast on an open circuit)
   * @param failure why it failed, or null when it succeeded
   */
  default void callEnded(String operation, Duration elapsed, int attempts, ParityClientException failure) {}

  /** A failed attempt is retried after {@code backoff}; {@code retry} is 1 for the first retry. */
  default void retryScheduled(String operation, int retry, Duration backoff, ParityClientException cause) {}

  /** A retry or hedge was not made because the retry budget is spent. */
  default void retryBudgetExhausted(String operation) {}

  /** A hedged attempt was sent to {@code endpoint} because the first had not answered in time. */
  default void hedgeSent(String operation, URI endpoint) {}

  /** The circuit breaker of {@code endpoint} changed state. */
  default void circuitStateChanged(URI endpoint, CircuitState from, CircuitState to) {}

  /**
   * A lookup the server could not answer (unavailable, or past its deadline) was answered with the
   * declared defaults the client knows, as {@link LookupRequest#degradeToDefaults()} asks: every
   * feature of its {@code rows} entity rows is {@link FeatureStatus#UNAVAILABLE}, with its declared
   * default or null. The call's failure is reported to {@link #callEnded} as well; this says that the
   * caller got defaults instead of it.
   *
   * @param operation {@code lookup}
   * @param elapsed from the lookup's start to the degraded answer
   * @param cause why the server could not answer
   */
  default void degradedToDefaults(String operation, Duration elapsed, int rows, ParityClientException cause) {}

  /** A lookup found {@code hits} of its rows in the near cache and had to ask the server for {@code misses}. */
  default void nearCache(int hits, int misses) {}
}
