package dev.parity.offline.parquet.write;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;

/**
 * One column of a table to write: its name, its Parity type and whether it may hold nulls.
 *
 * @param name column name, non-empty
 * @param type value type; timestamps are microseconds since the epoch in UTC
 * @param nullable whether rows may leave the value null (a Parquet {@code optional} column)
 */
public record Column(String name, DataType type, boolean nullable) {
  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("column name is empty");
    }
  }

  /** A column every row must fill. */
  public static Column required(String name, DataType type) {
    return new Column(name, type, false);
  }

  /** A column rows may leave null. */
  public static Column optional(String name, DataType type) {
    return new Column(name, type, true);
  }
}
