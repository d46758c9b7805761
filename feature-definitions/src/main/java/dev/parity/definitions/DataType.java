package dev.parity.definitions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The value types of Parity features, request data and expressions.
 *
 * <p>Physical representation, identical on both paths: {@code BOOL} is a boolean, {@code INT64} a
 * signed 64-bit integer, {@code FLOAT64} an IEEE-754 double, {@code STRING} UTF-8 text, and {@code
 * TIMESTAMP} microseconds since the epoch in UTC (a {@code long}).
 */
public enum DataType {
  BOOL("bool"),
  INT64("int64"),
  FLOAT64("float64"),
  STRING("string"),
  TIMESTAMP("timestamp");

  private final String yamlName;

  DataType(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in definitions and canonical forms: {@code bool int64 float64 string timestamp}. */
  public String yamlName() {
    return yamlName;
  }

  public boolean isNumeric() {
    return this == INT64 || this == FLOAT64;
  }

  /**
   * Whether {@code value} is a value of this type as both paths carry values: {@code Boolean},
   * {@code Long}, {@code Double}, {@code String}, and {@code Long} microseconds for timestamps.
   */
  public boolean holds(Object value) {
    return switch (this) {
      case BOOL -> value instanceof Boolean;
      case INT64, TIMESTAMP -> value instanceof Long;
      case FLOAT64 -> value instanceof Double;
      case STRING -> value instanceof String;
    };
  }

  /** The type named {@code name} in a definition, if any. */
  public static Optional<DataType> fromYamlName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.yamlName.equals(lower)).findFirst();
  }

  @Override
  public String toString() {
    return yamlName;
  }
}
