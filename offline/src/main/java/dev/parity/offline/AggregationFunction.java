package dev.parity.offline;

import dev.parity.definitions.DataType;

/**
 * Windowed aggregation functions over the rows of one entity with event time in {@code (T -
 * window, T]}.
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
 */
public enum AggregationFunction {
  COUNT,
  SUM,
  AVG,
  MIN,
  MAX,
  LAST,
  COUNT_DISTINCT;

  /** Whether the function needs an input column or expression. */
  public boolean needsInput() {
    return this != COUNT;
  }

  /**
   * The result type for an input of type {@code input} (ignored for {@code COUNT}).
   *
   * @throws IllegalArgumentException if the function does not apply to that type
   */
  public DataType resultType(DataType input) {
    switch (this) {
      case COUNT:
      case COUNT_DISTINCT:
        return DataType.INT64;
      case AVG:
        requireNumeric(input);
        return DataType.FLOAT64;
      case SUM:
        requireNumeric(input);
        return input;
      case MIN:
      case MAX:
        if (input == DataType.BOOL) {
          throw new IllegalArgumentException(name().toLowerCase() + " does not apply to bool");
        }
        return input;
      default:
        return input;
    }
  }

  private void requireNumeric(DataType input) {
    if (!input.isNumeric()) {
      throw new IllegalArgumentException(name().toLowerCase() + " needs int64 or float64, not " + input);
    }
  }
}
