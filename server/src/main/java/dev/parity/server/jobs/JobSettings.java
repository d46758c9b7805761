package dev.parity.server.jobs;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How many jobs run and wait, how many finished ones are remembered, and how a stop treats the
 * running ones.
 *
 * @param workers jobs running at once
 * @param queueCapacity jobs waiting for a worker; one more is rejected
 * @param retainFinished finished jobs kept in memory for {@code GET /jobs}; older ones are
 *     forgotten (their runs and training sets stay in the metadata store)
 * @param shutdownGrace how long a stop waits for running jobs before stopping them
 * @param interruptWait how long a stop then waits for stopped jobs to end, and again after
 *     interrupting the threads of those that did not
 */
public record JobSettings(int workers, int queueCapacity, int retainFinished, Duration shutdownGrace,
    Duration interruptWait) {
  /** @throws IllegalArgumentException a value out of range, naming it */
  public JobSettings {
    if (workers < 1) {
      throw new IllegalArgumentException("jobs.workers must be at least 1, got " + workers);
    }
    if (queueCapacity < 0) {
      throw new IllegalArgumentException("jobs.queueCapacity must not be negative, got " + queueCapacity);
    }
    if (retainFinished < 1) {
      throw new IllegalArgumentException("jobs.retainFinished must be at least 1, got " + retainFinished);
    }
    requireNonNull(shutdownGrace, "shutdownGrace is null");
    requireNonNull(interruptWait, "interruptWait is null");
    if (shutdownGrace.isNegative() || interruptWait.isNegative()) {
      throw new IllegalArgumentException("jobs.shutdownGrace and the interrupt wait must not be negative");
    }
  }
}
