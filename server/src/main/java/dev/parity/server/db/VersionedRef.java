package dev.parity.server.db;

import static java.util.Objects.requireNonNull;

/** A definition object at one version: what a training set or run used. */
public record VersionedRef(DefinitionKind kind, String name, String version) {
  public VersionedRef {
    requireNonNull(kind, "kind is null");
    Names.check(name, "definition name");
    Names.checkVersion(version, "version of " + kind.id() + " " + name);
  }

  /** Kind and name, without the version. */
  public DefinitionRef ref() {
    return new DefinitionRef(kind, name);
  }
}
