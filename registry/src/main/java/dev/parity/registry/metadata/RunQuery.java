package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.internal.RecordChecks;
import java.time.Instant;
import java.util.Optional;

/**
 * Which runs {@link MetadataStore#runs} returns: one project, optionally one kind and status,
 * started in {@code [startedFrom, startedBefore)}, newest first, {@code limit} from {@code offset}.
 * Start from {@link #of(String)} and narrow with the {@code with...} methods.
 */
public record RunQuery(String project, Optional<RunKind> kind, Optional<RunStatus> status,
    Optional<Instant> startedFrom, Optional<Instant> startedBefore, int limit, int offset) {
  /** Largest page size. */
  public static final int MAX_LIMIT = 1000;

  public RunQuery {
    RecordChecks.check(project, "project");
    requireNonNull(kind, "kind is null");
    requireNonNull(status, "status is null");
    requireNonNull(startedFrom, "startedFrom is null");
    requireNonNull(startedBefore, "startedBefore is null");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    RecordChecks.checkNotNegative(offset, "offset");
  }

  /** Every run of {@code project}, first page of 50. */
  public static RunQuery of(String project) {
    return new RunQuery(project, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 50, 0);
  }

  public RunQuery withKind(RunKind value) {
    return new RunQuery(project, Optional.of(value), status, startedFrom, startedBefore, limit, offset);
  }

  public RunQuery withStatus(RunStatus value) {
    return new RunQuery(project, kind, Optional.of(value), startedFrom, startedBefore, limit, offset);
  }

  public RunQuery withStartedBetween(Instant from, Instant before) {
    return new RunQuery(project, kind, status, Optional.of(from), Optional.of(before), limit, offset);
  }

  public RunQuery withPage(int pageLimit, int pageOffset) {
    return new RunQuery(project, kind, status, startedFrom, startedBefore, pageLimit, pageOffset);
  }
}
