package dev.parity.client;

/**
 * A source of nanoseconds for measuring elapsed time (deadlines, backoff, circuit breakers, near
 * cache staleness), as {@link System#nanoTime()} gives them. Injected through {@link
 * ParityClientBuilder#ticker} so that tests can advance time instead of sleeping. Must be
 * thread-safe.
 */
@FunctionalInterface
public interface Ticker {
  /** Nanoseconds since an arbitrary origin; only differences are meaningful. */
  long read();

  /** {@link System#nanoTime()}. */
  static Ticker system() {
    return System::nanoTime;
  }
}
