package dev.parity.online.servinglog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A sink keeping entries in memory, for the logger's tests (the Parquet sink is tested on its
 * own). It can hold the writer thread inside {@link #write} until released, and fail writes.
 */
final class InMemorySink implements ServingLogSink {
  private final List<List<ServingLogEntry>> batches = new ArrayList<>();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release;
  private int failuresLeft;
  private boolean closed;

  private InMemorySink(CountDownLatch release, int failures) {
    this.release = release;
    this.failuresLeft = failures;
  }

  static InMemorySink recording() {
    return new InMemorySink(new CountDownLatch(0), 0);
  }

  /** Holds the first write until {@link #release()}. */
  static InMemorySink blocking() {
    return new InMemorySink(new CountDownLatch(1), 0);
  }

  /** Fails the first {@code failures} writes. */
  static InMemorySink failing(int failures) {
    return new InMemorySink(new CountDownLatch(0), failures);
  }

  @Override
  public void write(List<ServingLogEntry> entries) {
    entered.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while held", e);
    }
    synchronized (this) {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new IllegalStateException("disk full (test)");
      }
      batches.add(List.copyOf(entries));
    }
  }

  /** Waits until the writer thread is inside {@link #write}. */
  void awaitWriter() throws InterruptedException {
    entered.await();
  }

  void release() {
    release.countDown();
  }

  synchronized List<ServingLogEntry> entries() {
    return batches.stream().flatMap(List::stream).toList();
  }

  synchronized int batchCount() {
    return batches.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  synchronized boolean closed() {
    return closed;
  }
}
