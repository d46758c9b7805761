package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.expr.CompiledExpression;
import java.time.Duration;
import java.util.Optional;

/**
 * A windowed aggregation of a view over {@code (T - window, T]}; see {@link AggregationFunction}
 * for the semantics of each function.
 *
 * @param name output name; the output column is {@code view__name}
 * @param function the aggregation
 * @param column input source column, or empty
 * @param expression input transform, or empty; at most one of column and expression
 * @param window positive window length (microsecond precision)
 */
public record OfflineAggregation(
    String name,
    AggregationFunction function,
    Optional<String> column,
    Optional<CompiledExpression> expression,
    Duration window) {
  public OfflineAggregation {
    requireNonNull(name, "name is null");
    requireNonNull(function, "function is null");
    requireNonNull(column, "column is null");
    requireNonNull(expression, "expression is null");
    requireNonNull(window, "window is null");
    if (column.isPresent() && expression.isPresent()) {
      throw new IllegalArgumentException("aggregation " + name + " has both a column and an expression");
    }
    if (function.needsInput() && column.isEmpty() && expression.isEmpty()) {
      throw new IllegalArgumentException("aggregation " + name + " (" + function + ") needs an input");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("aggregation " + name + " needs a positive window: " + window);
    }
  }

  /** An aggregation of a source column. */
  public static OfflineAggregation of(
      String name, AggregationFunction function, String column, Duration window) {
    return new OfflineAggregation(name, function, Optional.of(column), Optional.empty(), window);
  }

  /** A count of every row in the window. */
  public static OfflineAggregation count(String name, Duration window) {
    return new OfflineAggregation(name, AggregationFunction.COUNT, Optional.empty(), Optional.empty(), window);
  }
}
