package dev.parity.registry.metadata;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.internal.RecordChecks;
import java.time.Instant;

/**
 * A model version registered with a trigger run's training set: what the run's pipeline reported
 * back.
 */
public record ReportedModel(String name, String version, Instant registeredAt) {
  public ReportedModel {
    RecordChecks.check(name, "name");
    RecordChecks.check(version, "version");
    requireNonNull(registeredAt, "registeredAt is null");
  }
}
