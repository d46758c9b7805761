package dev.parity.offline.validation;

import dev.parity.definitions.DataType;

/**
 * One batch of one column's values, reused from batch to batch: {@code int64}, {@code timestamp}
 * (UTC micros) and {@code bool} (0/1) in {@link #longs}, {@code float64} in {@link #doubles},
 * {@code string} in {@link #strings}. Not thread-safe.
 */
final class ColumnValues {
  final String name;
  final DataType type;
  final boolean[] nulls;
  final long[] longs;
  final double[] doubles;
  final String[] strings;

  ColumnValues(String name, DataType type, int capacity) {
    this.name = name;
    this.type = type;
    this.nulls = new boolean[capacity];
    this.longs = type == DataType.INT64 || type == DataType.TIMESTAMP || type == DataType.BOOL ? new long[capacity] : null;
    this.doubles = type == DataType.FLOAT64 ? new double[capacity] : null;
    this.strings = type == DataType.STRING ? new String[capacity] : null;
  }

  /** The value at {@code row} as report text (the caller checks for null first). */
  String text(int row) {
    return Formats.value(type, longs == null ? 0 : longs[row], doubles == null ? 0 : doubles[row], strings == null ? null : strings[row]);
  }
}
