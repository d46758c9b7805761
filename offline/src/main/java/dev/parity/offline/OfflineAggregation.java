package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.CompiledExpression;
import java.time.Duration;
import java.util.Optional;

/**
 * A windowed aggregation of a view over {@code (T - window, T]}, with the model's {@link
 * AggregationFunction}s computed offline as follows:
 *
 * <ul>
 *   <li>{@code COUNT}: without an input, every row; with one, the rows whose input is not null.
 *       Never null (0 when no row).
 *   <li>{@code SUM}: of non-null inputs, int64 or float64 (int64 wraps on overflow like Java
 *       {@code long}); null when there is none. Float sums add in row order (event time, created,
 *       source order).
 *   <li>{@code AVG}: float64 sum of non-null inputs divided by their count; null when none.
 *   <li>{@code MIN}, {@code MAX}: of non-null inputs (int64, float64, string, timestamp); null when
 *       none. Floats compare as {@link Double#compare}.
 *   <li>{@code LAST}: the input of the latest row (same order as point-in-time ties), even if that
 *       input is null; null when no row.
 *   <li>{@code COUNT_DISTINCT}: number of distinct non-null inputs; 0 when none.
 * </ul>
 *
 *
 * @param name output name; the output column is {@code view__name}
 * @param function the aggregation
 * @param column input source column, or empty
 * @param expression input transform, or empty; at most one of column and expression
 * @param window positive window length (microsecond precision)
 * @param defaultValue the declared default: the value wherever the aggregation would be null (a
 *     {@code Boolean}, {@code Long}, {@code Double} or {@code String} of the result type); counts
 *     have none
 */
public record OfflineAggregation(
    String name,
    AggregationFunction function,
    Optional<String> column,
    Optional<CompiledExpression> expression,
    Duration window,
    Optional<Object> defaultValue) {
  public OfflineAggregation {
    requireNonNull(defaultValue, "defaultValue is null");
    if (defaultValue.isPresent() && function != null && function.countsRows()) {
      throw new IllegalArgumentException("aggregation " + name + " (" + function + ") is never null: it cannot have a default");
    }
    requireNonNull(name, "name is null");
    requireNonNull(function, "function is null");
    requireNonNull(column, "column is null");
    requireNonNull(expression, "expression is null");
    requireNonNull(window, "window is null");
    if (column.isPresent() && expression.isPresent()) {
      throw new IllegalArgumentException("aggregation " + name + " has both a column and an expression");
    }
    if (function.requiresInput() && column.isEmpty() && expression.isEmpty()) {
      throw new IllegalArgumentException("aggregation " + name + " (" + function + ") needs an input");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("aggregation " + name + " needs a positive window: " + window);
    }
  }

  /** An aggregation without a default. */
  public OfflineAggregation(String name, AggregationFunction function, Optional<String> column,
      Optional<CompiledExpression> expression, Duration window) {
    this(name, function, column, expression, window, Optional.empty());
  }

  /**
   * The output type of {@code function} over an input of type {@code input} (ignored for {@code
   * COUNT}). Offline, {@code MIN} and {@code MAX} also apply to strings and timestamps.
   *
   * @throws IllegalArgumentException if the function does not apply to that type
   */
  public static DataType resultType(AggregationFunction function, DataType input) {
    switch (function) {
      case COUNT:
      case COUNT_DISTINCT:
        return DataType.INT64;
      case AVG:
        requireNumeric(function, input);
        return DataType.FLOAT64;
      case SUM:
        requireNumeric(function, input);
        return input;
      case MIN:
      case MAX:
        if (input == DataType.BOOL) {
          throw new IllegalArgumentException(function.yamlName() + " does not apply to bool");
        }
        return input;
      default:
        return input;
    }
  }

  private static void requireNumeric(AggregationFunction function, DataType input) {
    if (!input.isNumeric()) {
      throw new IllegalArgumentException(function.yamlName() + " needs int64 or float64, not " + input);
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
