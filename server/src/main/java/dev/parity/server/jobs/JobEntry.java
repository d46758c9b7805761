package dev.parity.server.jobs;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * One job's mutable state. Thread-safe: transitions and snapshots are synchronized; a
 * transition out of a finished status is ignored, so the first of "finished" and "interrupted"
 * wins.
 */
final class JobEntry {
  final String id;
  final long sequence;
  final JobKind kind;
  final JobWork work;
  final ProgressTracker progress = new ProgressTracker();
  /** Released once the manager has recorded the job's end, for callers waiting on it. */
  final CountDownLatch ended = new CountDownLatch(1);
  private final Instant submittedAt;
  private JobStatus status = JobStatus.QUEUED;
  private Instant startedAt;
  private Instant finishedAt;
  private Object result;
  private JobError error;
  private boolean interruptRequested;
  private FutureTask<Void> task;

  JobEntry(String id, long sequence, JobKind kind, JobWork work, Instant submittedAt) {
    this.id = id;
    this.sequence = sequence;
    this.kind = kind;
    this.work = work;
    this.submittedAt = submittedAt;
  }

  synchronized void task(FutureTask<Void> value) {
    task = value;
  }

  synchronized FutureTask<Void> task() {
    return task;
  }

  /** Queued to running; false if the job is over already (interrupted while queued). */
  synchronized boolean start(Instant now) {
    if (status != JobStatus.QUEUED) {
      return false;
    }
    status = JobStatus.RUNNING;
    startedAt = now;
    return true;
  }

  /** Whether this ended the job (false if it was over already). */
  synchronized boolean succeed(Object value, Instant now) {
    if (!finish(JobStatus.SUCCEEDED, now)) {
      return false;
    }
    result = value;
    return true;
  }

  /** Failed, or interrupted if a stop asked for it: the failure is then the interruption's effect. */
  synchronized boolean fail(Supplier<JobError> value, Instant now) {
    if (interruptRequested) {
      return interrupt(now);
    }
    if (!finish(JobStatus.FAILED, now)) {
      return false;
    }
    // Only now: turning an unexpected failure into an error logs it, which an interruption is not.
    error = value.get();
    return true;
  }

  /** Marks the job interrupted (a stop gave up on it) before its thread is interrupted. */
  synchronized void requestInterrupt() {
    interruptRequested = true;
  }

  /** Whether this ended the job (false if it was over already). */
  synchronized boolean interrupt(Instant now) {
    if (!finish(JobStatus.INTERRUPTED, now)) {
      return false;
    }
    error = new JobError(503, startedAt == null ? "interrupted: the server shut down before the job started"
        : "interrupted: the server shut down before the job finished; its runs are marked interrupted");
    return true;
  }

  /** Marks a job that never started cancelled (the server stopped); whether this ended it. */
  synchronized boolean cancel(Instant now) {
    if (status != JobStatus.QUEUED || !finish(JobStatus.CANCELLED, now)) {
      return false;
    }
    error = new JobError(503, "cancelled: the server shut down before the job started");
    return true;
  }

  synchronized Instant submittedAt() {
    return submittedAt;
  }

  synchronized JobStatus status() {
    return status;
  }

  synchronized Job snapshot() {
    return new Job(id, kind, status, submittedAt, Optional.ofNullable(startedAt), Optional.ofNullable(finishedAt),
        progress.snapshot(), Optional.ofNullable(result), Optional.ofNullable(error));
  }

  private boolean finish(JobStatus to, Instant now) {
    if (status.finished()) {
      return false;
    }
    status = to;
    finishedAt = now;
    return true;
  }
}
