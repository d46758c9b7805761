package dev.parity.client;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the call's timers: deadlines, attempt timeouts, backoffs, hedges. Its tasks are short
 * (they cancel or start attempts). The real one is one daemon thread; tests of the retry logic
 * use one driven by a fake {@link Ticker}.
 */
interface Scheduler {
  /** A scheduled task that may still be cancelled. */
  @FunctionalInterface
  interface Timer {
    Timer NONE = () -> {};

    void cancel();
  }

  /** Runs {@code task} after {@code delayNanos} (at once when not positive). */
  Timer schedule(Runnable task, long delayNanos);

  /** The real scheduler: one daemon thread, cancelled timers removed at once. */
  static Scheduler threaded(ScheduledThreadPoolExecutor executor) {
    executor.setRemoveOnCancelPolicy(true);
    return (task, delayNanos) -> {
      ScheduledFuture<?> future = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    };
  }
}
