package dev.parity.client;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Bounds the exchanges in flight, and so the connections: the JDK's HTTP/1.1 client opens a new
 * connection whenever every pooled one is busy, and has no bound of its own but a JVM-wide
 * system property. An attempt over the bound waits (asynchronously, in arrival order) for one to
 * end, within its call's deadline: a waiter is cancelled with its attempt. Thread-safe.
 */
final class InFlightLimiter {
  private static final CompletableFuture<Void> GRANTED = CompletableFuture.completedFuture(null);
  private final int max;
  private final Executor handOff;
  private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private int inUse;

  /** @param handOff where a freed permit is given to the next waiter (never the releasing thread, which may hold locks) */
  InFlightLimiter(int max, Executor handOff) {
    if (max < 1) {
      throw new IllegalArgumentException("the connection pool size must be at least 1, got " + max);
    }
    this.max = max;
    this.handOff = handOff;
  }

  /** A permit, now or when one is released; cancel the future to stop waiting. */
  CompletableFuture<Void> acquire() {
    CompletableFuture<Void> waiter;
    synchronized (this) {
      if (inUse < max) {
        inUse++;
        return GRANTED;
      }
      waiter = new CompletableFuture<>();
      waiting.add(waiter);
    }
    waiter.whenComplete((ignored, failure) -> {
      if (waiter.isCancelled()) {
        synchronized (this) {
          waiting.remove(waiter);
        }
      }
    });
    return waiter;
  }

  /** Gives a permit back: to the longest waiter, or to the pool. */
  void release() {
    CompletableFuture<Void> next;
    synchronized (this) {
      do {
        next = waiting.poll();
      } while (next != null && next.isDone());
      if (next == null) {
        inUse--;
        return;
      }
    }
    CompletableFuture<Void> granted = next;
    try {
      handOff.execute(() -> {
        if (!granted.complete(null)) {
          release(); // cancelled meanwhile: the permit goes on
        }
      });
    } catch (RejectedExecutionException closed) {
      granted.cancel(false); // the client is closing: the waiter's attempt ends
      release();
    }
  }

  synchronized int inUse() {
    return inUse;
  }
}
