package dev.parity.server.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a job is: waiting for a worker, running, or over in one of four ways. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** The server stopped before the job finished. */
  INTERRUPTED,
  /** The server stopped before the job started: it was still queued (recorded in the metadata store). */
  CANCELLED;

  /** Whether a job in this status is over. */
  public boolean finished() {
    return this != QUEUED && this != RUNNING;
  }

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
