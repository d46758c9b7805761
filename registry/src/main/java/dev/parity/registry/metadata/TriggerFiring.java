package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A recorded firing of a trigger: why, when, and what became of it (the run it started, if any). */
public record TriggerFiring(long id, String project, String triggerName, String triggerKind, String triggerVersion,
    String firingKey, String reason, Instant firedAt, FiringOutcome outcome, Optional<Long> runId,
    Optional<String> note) {
  public TriggerFiring {
    requireNonNull(project, "project is null");
    requireNonNull(triggerName, "triggerName is null");
    requireNonNull(triggerKind, "triggerKind is null");
    requireNonNull(triggerVersion, "triggerVersion is null");
    requireNonNull(firingKey, "firingKey is null");
    requireNonNull(reason, "reason is null");
    requireNonNull(firedAt, "firedAt is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(runId, "runId is null");
    requireNonNull(note, "note is null");
  }
}
