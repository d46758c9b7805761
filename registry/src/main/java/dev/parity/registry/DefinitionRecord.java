package dev.parity.registry;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.internal.RecordChecks;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * One definition object as the registry stores it: its kind, name, version (the hex SHA-256 of
 * its canonical form, computed by feature-definitions) and canonical JSON, plus the objects it
 * uses ({@code dependsOn}: a service its views, a view its source and entities), which the
 * registry keeps so it can answer "which services use this view" and trace lineage.
 */
public record DefinitionRecord(DefinitionKind kind, String name, String version, String canonicalJson,
    Set<DefinitionRef> dependsOn) {
  public DefinitionRecord {
    requireNonNull(kind, "kind is null");
    RecordChecks.check(name, "definition name");
    RecordChecks.checkVersion(version, "version of " + kind.id() + " " + name);
    if (canonicalJson == null || canonicalJson.isBlank()) {
      throw new IllegalArgumentException("canonical JSON of " + kind.id() + " " + name + " is missing");
    }
    requireNonNull(dependsOn, "dependsOn is null");
    // Sorted, so equal records compare equal and print the same way.
    dependsOn = Collections.unmodifiableSortedSet(new TreeSet<>(dependsOn));
    if (dependsOn.contains(new DefinitionRef(kind, name))) {
      throw new IllegalArgumentException(kind.id() + " " + name + " depends on itself");
    }
  }

  /** A record without dependencies. */
  public DefinitionRecord(DefinitionKind kind, String name, String version, String canonicalJson) {
    this(kind, name, version, canonicalJson, Set.of());
  }

  /** Kind and name, without the version. */
  public DefinitionRef ref() {
    return new DefinitionRef(kind, name);
  }
}
