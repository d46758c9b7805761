package dev.parity.online;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;

/** A feature stored online for a view: its name and type. */
public record FeatureColumn(String name, DataType type) {
  public FeatureColumn {
    requireNonNull(name, "feature name is null");
    requireNonNull(type, "type of feature " + name + " is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("feature name is blank");
    }
  }
}
