package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.CompiledExpression;
import java.util.Optional;

/**
 * A point-in-time feature of a view: a source column of the same name, or a row transform.
 *
 * @param name feature name; the output column is {@code view__name}
 * @param type declared type; a source column must have it (after int/float widening), an
 *     expression must produce it
 * @param expression row transform over source columns, evaluated over Arrow batches
 * @param defaultValue the declared default, the value of an entity row without a source row in
 *     range (a row in range whose value is null stays null): a {@code Boolean}, {@code Long},
 *     {@code Double} or {@code String} as {@code type} requires
 */
public record OfflineFeature(String name, DataType type, Optional<CompiledExpression> expression,
    Optional<Object> defaultValue) {
  public OfflineFeature {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(expression, "expression is null");
    requireNonNull(defaultValue, "defaultValue is null");
    if (defaultValue.isPresent() && !type.holds(defaultValue.get())) {
      throw new IllegalArgumentException("default of " + name + " (" + defaultValue.get() + ", a "
          + defaultValue.get().getClass().getSimpleName() + ") is not a value of its type " + type);
    }
    if (expression.isPresent() && expression.get().type() != type) {
      throw new IllegalArgumentException(
          "feature " + name + " is declared " + type + " but its expression gives " + expression.get().type());
    }
  }

  /** A feature without a default. */
  public OfflineFeature(String name, DataType type, Optional<CompiledExpression> expression) {
    this(name, type, expression, Optional.empty());
  }

  /** A feature that is the source column {@code name}. */
  public static OfflineFeature column(String name, DataType type) {
    return new OfflineFeature(name, type, Optional.empty());
  }
}
