package dev.parity.client.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits on a condition instead of sleeping, for tests of the client and of its listeners (shared
 * through the client's test-jar).
 */
public final class Await {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private Await() {}

  /**
   * Returns once {@code condition} holds, spinning; fails after 10 s.
   *
   * @param what the condition, for the failure's message
   */
  public static void until(BooleanSupplier condition, String what) {
    long until = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - until > 0) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.onSpinWait();
    }
  }
}
