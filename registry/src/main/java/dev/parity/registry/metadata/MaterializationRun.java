package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.internal.RecordChecks;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A materialization run: the feature views written online (name to the definition version used),
 * the interval {@code [intervalStart, intervalEnd]} it covered, its status and counts. A finished
 * run has {@code finishedAt} and {@code duration}; a failed one has an {@code error}.
 */
public record MaterializationRun(long id, String project, Map<String, String> viewVersions, Instant intervalStart,
    Instant intervalEnd, RunStatus status, Instant startedAt, Optional<Instant> finishedAt, RunCounts counts,
    Optional<Duration> duration, Optional<String> error) {
  public MaterializationRun {
    RecordChecks.check(project, "project");
    viewVersions = checkViews(viewVersions);
    requireNonNull(intervalStart, "intervalStart is null");
    requireNonNull(intervalEnd, "intervalEnd is null");
    if (intervalEnd.isBefore(intervalStart)) {
      throw new IllegalArgumentException("materialization interval ends (" + intervalEnd + ") before it starts ("
          + intervalStart + ")");
    }
    requireNonNull(status, "status is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(finishedAt, "finishedAt is null");
    requireNonNull(counts, "counts is null");
    requireNonNull(duration, "duration is null");
    requireNonNull(error, "error is null");
  }

  static Map<String, String> checkViews(Map<String, String> viewVersions) {
    requireNonNull(viewVersions, "viewVersions is null");
    if (viewVersions.isEmpty()) {
      throw new IllegalArgumentException("a materialization run needs at least one feature view");
    }
    viewVersions.forEach((view, version) -> {
      RecordChecks.check(view, "feature view name");
      RecordChecks.checkVersion(version, "version of feature view " + view);
    });
    return Map.copyOf(viewVersions);
  }
}
