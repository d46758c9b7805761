package dev.parity.server.jobs;

import dev.parity.ParityException;

/**
 * A job was not accepted: the queue is full (retry later, HTTP 429) or the server is stopping
 * (HTTP 503).
 */
public final class JobRejectedException extends ParityException {
  private final boolean stopping;

  private JobRejectedException(String message, boolean stopping) {
    super(message);
    this.stopping = stopping;
  }

  /** The queue of {@code capacity} jobs behind {@code workers} running ones is full. */
  public static JobRejectedException queueFull(int workers, int capacity) {
    return new JobRejectedException("too many jobs: " + workers + " running and " + capacity
        + " queued (jobs.queueCapacity); retry when some have finished (GET /jobs)", false);
  }

  /** The server is stopping. */
  public static JobRejectedException stopping() {
    return new JobRejectedException("the server is shutting down and accepts no new jobs", true);
  }

  /** Whether the server is stopping (rather than busy). */
  public boolean isStopping() {
    return stopping;
  }
}
