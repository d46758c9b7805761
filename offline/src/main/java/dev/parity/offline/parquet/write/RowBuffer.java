package dev.parity.offline.parquet.write;

import dev.parity.definitions.DataType;
import java.util.List;

/**
 * The values of the row being built, in primitive arrays indexed by column, reused for every row
 * so appending allocates nothing but strings. {@code bool} values are kept as 0/1 in {@code
 * longs}; timestamps as micros in {@code longs}.
 */
final class RowBuffer {
  final List<Column> columns;
  final DataType[] types;
  final long[] longs;
  final double[] doubles;
  final String[] strings;
  final boolean[] nulls;
  /** Row number (1-based) in which each column was last set; detects unset columns cheaply. */
  private final long[] setInRow;
  private long currentRow = 1;
  private int setCount;

  RowBuffer(List<Column> columns) {
    this.columns = List.copyOf(columns);
    int n = this.columns.size();
    types = new DataType[n];
    for (int i = 0; i < n; i++) {
      types[i] = this.columns.get(i).type();
    }
    longs = new long[n];
    doubles = new double[n];
    strings = new String[n];
    nulls = new boolean[n];
    setInRow = new long[n];
  }

  int size() {
    return types.length;
  }

  /** Checks the index and type, and marks the column set in this row. */
  void mark(int column, DataType expected) {
    if (column < 0 || column >= types.length) {
      throw new IllegalArgumentException(
          "column index " + column + " out of range [0, " + types.length + ")");
    }
    if (types[column] != expected) {
      throw new IllegalArgumentException(
          "column '" + columns.get(column).name() + "' is " + types[column]
              + ", cannot set a " + expected + " value");
    }
    markSet(column);
  }

  void markNull(int column) {
    if (column < 0 || column >= types.length) {
      throw new IllegalArgumentException(
          "column index " + column + " out of range [0, " + types.length + ")");
    }
    if (!columns.get(column).nullable()) {
      throw new IllegalArgumentException(
          "column '" + columns.get(column).name() + "' is required, cannot set null");
    }
    markSet(column);
    nulls[column] = true;
  }

  private void markSet(int column) {
    if (setInRow[column] != currentRow) {
      setInRow[column] = currentRow;
      setCount++;
    }
    nulls[column] = false;
  }

  boolean rowStarted() {
    return setCount > 0;
  }

  /** Throws naming the first unset column, if any; otherwise starts the next row. */
  void completeRow() {
    if (setCount != types.length) {
      for (int i = 0; i < types.length; i++) {
        if (setInRow[i] != currentRow) {
          throw new IllegalStateException(
              "column '" + columns.get(i).name() + "' was not set in row " + currentRow);
        }
      }
    }
  }

  void nextRow() {
    currentRow++;
    setCount = 0;
  }
}
