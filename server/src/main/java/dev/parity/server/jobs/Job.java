package dev.parity.server.jobs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one job.
 *
 * @param id this server's id of the job
 * @param kind what it does
 * @param status where it is
 * @param submittedAt when it was accepted
 * @param startedAt when a worker took it
 * @param finishedAt when it ended
 * @param progress what the engine reported so far
 * @param result what the work returned, when it succeeded
 * @param error why it failed or was interrupted
 */
public record Job(String id, JobKind kind, JobStatus status, Instant submittedAt, Optional<Instant> startedAt,
    Optional<Instant> finishedAt, JobProgress progress, Optional<Object> result, Optional<JobError> error) {
  public Job {
    requireNonNull(id, "id is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(status, "status is null");
    requireNonNull(submittedAt, "submittedAt is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(finishedAt, "finishedAt is null");
    requireNonNull(progress, "progress is null");
    requireNonNull(result, "result is null");
    requireNonNull(error, "error is null");
  }
}
