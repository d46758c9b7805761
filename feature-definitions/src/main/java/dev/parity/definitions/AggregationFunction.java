package dev.parity.definitions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Functions of windowed aggregations. */
public enum AggregationFunction {
  /** Rows in the window (without input), or non-null inputs (with one). int64. */
  COUNT,
  /** Sum of a numeric input; the input's type. */
  SUM,
  /** Mean of a numeric input; float64. */
  AVG,
  /** Smallest numeric input; the input's type. */
  MIN,
  /** Largest numeric input; the input's type. */
  MAX,
  /** Input of the newest row in the window; the input's type. */
  LAST,
  /** Distinct non-null inputs; int64. */
  COUNT_DISTINCT;

  /** The name used in definitions, e.g. {@code count_distinct}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a column or expression is required. */
  public boolean requiresInput() {
    return this != COUNT;
  }

  /** Whether it counts (count, count_distinct): 0 over no rows, never null, so it has no default. */
  public boolean countsRows() {
    return this == COUNT || this == COUNT_DISTINCT;
  }

  /** Whether the input must be int64 or float64. */
  public boolean requiresNumericInput() {
    return this == SUM || this == AVG || this == MIN || this == MAX;
  }

  /**
   * The output type for an input of type {@code input} (empty: no input).
   *
   * @throws IllegalArgumentException if the input is missing or of the wrong kind
   */
  public DataType outputType(Optional<DataType> input) {
    if (input.isEmpty() && requiresInput()) {
      throw new IllegalArgumentException(yamlName() + " needs a column or expr");
    }
    if (requiresNumericInput() && !input.get().isNumeric()) {
      throw new IllegalArgumentException(yamlName() + " needs a numeric input, not " + input.get());
    }
    switch (this) {
      case COUNT:
      case COUNT_DISTINCT:
        return DataType.INT64;
      case AVG:
        return DataType.FLOAT64;
      default:
        return input.get();
    }
  }

  /** The function named {@code name} in a definition, if any. */
  public static Optional<AggregationFunction> fromYamlName(String name) {
    return Arrays.stream(values()).filter(f -> f.yamlName().equals(name)).findFirst();
  }
}
