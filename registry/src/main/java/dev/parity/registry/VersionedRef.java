package dev.parity.registry;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.internal.RecordChecks;

/** A definition object at one version: what a training set or run used. */
public record VersionedRef(DefinitionKind kind, String name, String version) {
  public VersionedRef {
    requireNonNull(kind, "kind is null");
    RecordChecks.check(name, "definition name");
    RecordChecks.checkVersion(version, "version of " + kind.id() + " " + name);
  }

  /** Kind and name, without the version. */
  public DefinitionRef ref() {
    return new DefinitionRef(kind, name);
  }
}
