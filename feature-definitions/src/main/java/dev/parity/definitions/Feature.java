package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A feature of a view: without an expression it is the source column of the same name; with one,
 * the expression's value (which must have the declared type).
 *
 * @param defaultValue the declared {@code default:}, checked against the type at validation (see
 *     {@link DeclaredDefault} for where it applies); on-demand features have none
 */
public record Feature(String name, DataType type, Optional<String> expr, Optional<DeclaredDefault> defaultValue) {
  public Feature {
    Names.requireIdentifier(name, "feature name");
    requireNonNull(type, "type is null");
    requireNonNull(expr, "expr is null");
    requireNonNull(defaultValue, "defaultValue is null");
    if (expr.isPresent() && expr.get().isBlank()) {
      throw new IllegalArgumentException("feature '" + name + "' has an empty expression");
    }
  }

  /** A feature without a default. */
  public Feature(String name, DataType type, Optional<String> expr) {
    this(name, type, expr, Optional.empty());
  }

  /** This feature with {@code value} as its default. */
  public Feature withDefault(DeclaredDefault value) {
    return new Feature(name, type, expr, Optional.of(value));
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
