package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.registry.internal.RecordChecks;
import java.time.Instant;

/** One version of a trigger's declaration in the registry: its canonical form (JSON), hash, and when it was first stored. */
public record TriggerVersion(String project, String triggerName, String version, String triggerKind,
    JsonNode definition, Instant firstSeenAt) {
  public TriggerVersion {
    RecordChecks.check(project, "project");
    RecordChecks.check(triggerName, "trigger name");
    RecordChecks.checkVersion(version, "trigger version");
    RecordChecks.check(triggerKind, "trigger kind");
    definition = RecordChecks.copyJson(requireNonNull(definition, "definition is null"), "definition");
    requireNonNull(firstSeenAt, "firstSeenAt is null");
  }
}
