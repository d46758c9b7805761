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
 */
public record OfflineFeature(String name, DataType type, Optional<CompiledExpression> expression) {
  public OfflineFeature {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(expression, "expression is null");
    if (expression.isPresent() && expression.get().type() != type) {
      throw new IllegalArgumentException(
          "feature " + name + " is declared " + type + " but its expression gives " + expression.get().type());
    }
  }

  /** A feature that is the source column {@code name}. */
  public static OfflineFeature column(String name, DataType type) {
    return new OfflineFeature(name, type, Optional.empty());
  }
}
