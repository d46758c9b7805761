package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.internal.RecordChecks;
import java.time.Instant;
import java.util.Optional;

/**
 * A continuous-training trigger run: which trigger fired ({@code triggerKind} is
 * {@code adhoc}, {@code cron}, {@code new_data} or {@code metric}) and why, its status, the
 * training set it built and what the hook answered, or the error that stopped it.
 */
public record TriggerRun(long id, String project, String triggerName, String triggerKind, String reason,
    RunStatus status, Instant startedAt, Optional<Instant> finishedAt, Optional<Long> trainingSetId,
    Optional<JsonNode> hookResult, Optional<String> error) {
  public TriggerRun {
    RecordChecks.check(project, "project");
    RecordChecks.check(triggerName, "trigger name");
    RecordChecks.check(triggerKind, "trigger kind");
    requireNonNull(reason, "reason is null");
    requireNonNull(status, "status is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(finishedAt, "finishedAt is null");
    requireNonNull(trainingSetId, "trainingSetId is null");
    hookResult = requireNonNull(hookResult, "hookResult is null")
        .map(node -> RecordChecks.copyJson(node, "hook result"));
    requireNonNull(error, "error is null");
  }
}
