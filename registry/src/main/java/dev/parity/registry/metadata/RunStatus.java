package dev.parity.registry.metadata;

/** Status of a materialization or trigger run, or of a cancelled job ({@link RunKind#JOB}). */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** The process stopped (shutdown or crash) before the run finished. */
  INTERRUPTED,
  /** A job the server accepted but never started: it was still queued when the server stopped. */
  CANCELLED;

  /** Whether a run in this status is over. */
  public boolean finished() {
    return this != RUNNING;
  }
}
