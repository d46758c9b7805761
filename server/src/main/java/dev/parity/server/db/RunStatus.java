package dev.parity.server.db;

/** Status of a materialization or trigger run. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** The process stopped (shutdown or crash) before the run finished. */
  INTERRUPTED;

  /** Whether a run in this status is over. */
  public boolean finished() {
    return this != RUNNING;
  }
}
