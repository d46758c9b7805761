package dev.parity.client;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A ticker and scheduler whose time only moves when a test advances it: timers run on the test's
 * thread, in due order, as time passes them. Tests of backoff, breakers and deadlines never sleep.
 */
final class ManualTime implements Ticker, Scheduler {
  private record Task(long due, long order, Runnable run) {}

  private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due)
      : Long.compare(a.order, b.order));
  private long now = 1_000_000_000L;
  private long order;

  @Override
  public synchronized long read() {
    return now;
  }

  @Override
  public synchronized Timer schedule(Runnable task, long delayNanos) {
    Task scheduled = new Task(now + Math.max(0, delayNanos), order++, task);
    tasks.add(scheduled);
    return () -> {
      synchronized (this) {
        tasks.remove(scheduled);
      }
    };
  }

  /** Moves time on by {@code step}, running every timer due meanwhile at its time. */
  void advance(Duration step) {
    long target;
    synchronized (this) {
      target = now + step.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.due > target) {
          now = target;
          return;
        }
        tasks.poll();
        now = next.due;
      }
      next.run.run();
    }
  }

  /** Moves time on without running the timers due: a timer thread that is late, as on a loaded machine. */
  synchronized void jump(Duration step) {
    now += step.toNanos();
  }

  void advanceMillis(long millis) {
    advance(Duration.ofMillis(millis));
  }

  synchronized int pending() {
    return tasks.size();
  }
}
