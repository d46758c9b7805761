package dev.parity.client;

/** Where a job is: waiting for a worker, running, or over in one of three ways. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** The server stopped before the job finished (or started). */
  INTERRUPTED;

  /** Whether a job in this status is over. */
  public boolean finished() {
    return this != QUEUED && this != RUNNING;
  }
}
