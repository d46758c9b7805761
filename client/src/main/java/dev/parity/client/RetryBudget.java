package dev.parity.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The retries a client may still make (see {@link RetryPolicy}): a balance in thousandths of a
 * retry, raised by {@code ratio} per call up to {@code burst} retries, lowered by one per retry or
 * hedge. Lock-free; thread-safe. Counts calls, not time, so it needs no clock.
 */
final class RetryBudget {
  private static final long ONE = 1000;
  private final long deposit;
  private final long cap;
  private final AtomicLong balance;

  RetryBudget(double ratio, int burst) {
    this.deposit = Math.round(ratio * ONE);
    this.cap = burst * ONE;
    this.balance = new AtomicLong(cap);
  }

  /** A call was made: it earns the budget its share of a retry. */
  void deposit() {
    if (deposit == 0) {
      return;
    }
    long current;
    do {
      current = balance.get();
      if (current >= cap) {
        return;
      }
    } while (!balance.compareAndSet(current, Math.min(cap, current + deposit)));
  }

  /** Takes one retry from the budget; false (and nothing taken) when less than one is left. */
  boolean tryWithdraw() {
    long current;
    do {
      current = balance.get();
      if (current < ONE) {
        return false;
      }
    } while (!balance.compareAndSet(current, current - ONE));
    return true;
  }

  /** The retries left, for tests and diagnostics. */
  double available() {
    return balance.get() / (double) ONE;
  }
}
