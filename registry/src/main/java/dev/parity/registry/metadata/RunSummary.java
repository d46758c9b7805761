package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.internal.RecordChecks;
import java.time.Instant;
import java.util.Optional;

/**
 * One line of {@link MetadataStore#runs}: a materialization or trigger run, or a cancelled job.
 * {@code subject} is the materialized view names (comma-separated, sorted), the trigger name, or
 * the job's kind and id ({@code materialize job 3-0a1b2c}). A cancelled job's {@code startedAt} is
 * when it was submitted (it never started).
 */
public record RunSummary(RunKind kind, long id, String project, String subject, RunStatus status, Instant startedAt,
    Optional<Instant> finishedAt, Optional<String> error) {
  public RunSummary {
    requireNonNull(kind, "kind is null");
    RecordChecks.check(project, "project");
    requireNonNull(subject, "subject is null");
    requireNonNull(status, "status is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(finishedAt, "finishedAt is null");
    requireNonNull(error, "error is null");
  }
}
