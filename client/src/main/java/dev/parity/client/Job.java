package dev.parity.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A job of the server (a materialization or a training set) as {@code GET /jobs/{id}} reports it.
 *
 * @param id the job's id
 * @param kind {@code materialize}, {@code materialize-incremental} or {@code training-set}
 * @param status where it is
 * @param progress what its engine reported so far
 * @param result once it succeeded, what the synchronous endpoint would have answered: for a
 *     training set {@code training_set_id}, {@code path}, {@code rows}, {@code columns}...; for a
 *     materialization {@code views} and {@code written}
 * @param error once it failed or was interrupted, the error the synchronous endpoint would have
 *     answered with
 */
public record Job(String id, String kind, JobStatus status, Instant submittedAt, Optional<Instant> startedAt,
    Optional<Instant> finishedAt, JobProgress progress, Optional<JsonNode> result, Optional<Error> error) {

  /** Why a job failed: an HTTP-like code (400 bad input, 503 Redis down...) and the server's message. */
  public record Error(int code, String message) {
    public Error {
      requireNonNull(message, "message is null");
    }
  }

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
