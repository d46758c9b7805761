package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A feature of a view: without an expression it is the source column of the same name; with one,
 * the expression's value (which must have the declared type).
 */
public record Feature(String name, DataType type, Optional<String> expr) {
  public Feature {
    Names.requireIdentifier(name, "feature name");
    requireNonNull(type, "type is null");
    requireNonNull(expr, "expr is null");
    if (expr.isPresent() && expr.get().isBlank()) {
      throw new IllegalArgumentException("feature '" + name + "' has an empty expression");
    }
  }

  /** A feature read from the source column {@code name}. */
  public static Feature column(String name, DataType type) {
    return new Feature(name, type, Optional.empty());
  }

  /** A feature computed by {@code expr}. */
  public static Feature derived(String name, DataType type, String expr) {
    return new Feature(name, type, Optional.of(expr));
  }
}
