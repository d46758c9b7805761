package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A windowed aggregation over a source: at time T it covers rows with event time in {@code (T -
 * window, T]}. Its input is a source column or an expression over source columns (neither for a
 * plain {@code count}); its output type is {@link AggregationFunction#outputType derived}.
 *
 * @param defaultValue the declared {@code default:}: the value wherever the aggregation would be
 *     null (checked against the output type at validation; counts, never null, have none)
 */
public record Aggregation(
    String name, AggregationFunction function, Optional<String> column, Optional<String> expr, Duration window,
    Optional<DeclaredDefault> defaultValue) {

  public Aggregation {
    requireNonNull(defaultValue, "defaultValue is null");
    Names.requireIdentifier(name, "aggregation name");
    requireNonNull(function, "function is null");
    requireNonNull(column, "column is null");
    requireNonNull(expr, "expr is null");
    requireNonNull(window, "window is null");
    column.ifPresent(c -> Names.requireIdentifier(c, "aggregation column"));
    if (column.isPresent() && expr.isPresent()) {
      throw new IllegalArgumentException("aggregation '" + name + "' has both a column and an expr");
    }
    if (function.requiresInput() && column.isEmpty() && expr.isEmpty()) {
      throw new IllegalArgumentException("aggregation '" + name + "' (" + function.yamlName() + ") needs a column or expr");
    }
    if (expr.isPresent() && expr.get().isBlank()) {
      throw new IllegalArgumentException("aggregation '" + name + "' has an empty expression");
    }
    if (function.countsRows() && defaultValue.isPresent()) {
      throw new IllegalArgumentException("aggregation '" + name + "' (" + function.yamlName() + ") cannot have a default: it is 0 over no rows");
    }
    if (window.isNegative() || window.isZero() || window.getNano() != 0) {
      throw new IllegalArgumentException("aggregation '" + name + "' needs a window of whole seconds > 0");
    }
  }

  /** An aggregation without a default. */
  public Aggregation(
      String name, AggregationFunction function, Optional<String> column, Optional<String> expr, Duration window) {
    this(name, function, column, expr, window, Optional.empty());
  }

  /** This aggregation with {@code value} as its default. */
  public Aggregation withDefault(DeclaredDefault value) {
    return new Aggregation(name, function, column, expr, window, Optional.of(value));
  }

  /** {@code function} over the source column {@code column}. */
  public static Aggregation ofColumn(String name, AggregationFunction function, String column, Duration window) {
    return new Aggregation(name, function, Optional.of(column), Optional.empty(), window);
  }

  /** {@code function} over the values of {@code expr}. */
  public static Aggregation ofExpr(String name, AggregationFunction function, String expr, Duration window) {
    return new Aggregation(name, function, Optional.empty(), Optional.of(expr), window);
  }

  /** A count of rows in the window. */
  public static Aggregation count(String name, Duration window) {
    return new Aggregation(name, AggregationFunction.COUNT, Optional.empty(), Optional.empty(), window);
  }
}
