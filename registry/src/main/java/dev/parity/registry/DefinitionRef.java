package dev.parity.registry;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.internal.RecordChecks;

/** Names a definition object without a version: {@code feature_view driver_hourly_stats}. */
public record DefinitionRef(DefinitionKind kind, String name) implements Comparable<DefinitionRef> {
  public DefinitionRef {
    requireNonNull(kind, "kind is null");
    RecordChecks.check(name, "definition name");
  }

  @Override
  public int compareTo(DefinitionRef other) {
    int byKind = kind.compareTo(other.kind);
    return byKind != 0 ? byKind : name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return kind.id() + " " + name;
  }
}
