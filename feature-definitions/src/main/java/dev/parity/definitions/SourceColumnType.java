package dev.parity.definitions;

import java.util.Arrays;
import java.util.Optional;

/**
 * Types a source column may physically have. Narrow integers and floats are widened when read
 * (int8/16/32 to int64, float32 to float64); types with no {@link #readsAs()} cannot be read.
 */
public enum SourceColumnType {
  BOOL("bool", DataType.BOOL),
  INT8("int8", DataType.INT64),
  INT16("int16", DataType.INT64),
  INT32("int32", DataType.INT64),
  INT64("int64", DataType.INT64),
  FLOAT32("float32", DataType.FLOAT64),
  FLOAT64("float64", DataType.FLOAT64),
  STRING("string", DataType.STRING),
  TIMESTAMP("timestamp", DataType.TIMESTAMP),
  DATE("date", null),
  DECIMAL("decimal", null),
  BINARY("binary", null),
  NESTED("nested", null);

  private final String yamlName;
  private final DataType readsAs;

  SourceColumnType(String yamlName, DataType readsAs) {
    this.yamlName = yamlName;
    this.readsAs = readsAs;
  }

  /** The name used in a source's {@code schema:} and in canonical forms. */
  public String yamlName() {
    return yamlName;
  }

  /** The Parity type values of this column are read as, if Parity can read it. */
  public Optional<DataType> readsAs() {
    return Optional.ofNullable(readsAs);
  }

  /** Whether a feature declared {@code declared} may be read from a column of this type. */
  public boolean canBeReadAs(DataType declared) {
    return readsAs == declared;
  }

  /** The column type named {@code name} in a definition, if any. */
  public static Optional<SourceColumnType> fromYamlName(String name) {
    return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return yamlName;
  }
}
