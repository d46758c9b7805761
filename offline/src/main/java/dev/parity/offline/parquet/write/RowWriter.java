package dev.parity.offline.parquet.write;

import java.time.Instant;
import java.util.List;

/**
 * Appends rows to one table file, column by column, then publishes the file atomically.
 *
 * <p>For each row, set every column once (a value or {@link #setNull}) by its index in {@link
 * #columns()}, then call {@link #endRow()}. When all rows are written, call {@link #commit()}:
 * the file appears at its target in one rename. {@link #close()} without a commit (for example
 * when an exception leaves a try-with-resources block) deletes the temporary file, so a failed
 * write never leaves a partial file at the target:
 *
 * <pre>{@code
 * try (RowWriter out = ParquetFiles.create(path, columns, ParquetWriteOptions.defaults())) {
 *   out.setLong(0, 1001).setDouble(1, 0.5).setNull(2).endRow();
 *   out.commit();
 * }
 * }</pre>
 *
 * <p>Setters throw {@link IllegalArgumentException} when the column index is out of range, the
 * setter does not match the column type, or a null goes to a required column. I/O failures throw
 * {@link DataWriteException}, after which the writer accepts nothing but {@link #close()}.
 *
 * <p>Not thread-safe: one thread writes a file.
 */
public interface RowWriter extends AutoCloseable {

  /** The columns of the file, in order; setters take an index into this list. */
  List<Column> columns();

  /** Sets an {@code int64} column. */
  RowWriter setLong(int column, long value);

  /** Sets a {@code float64} column; NaN, infinities and -0.0 are kept as they are. */
  RowWriter setDouble(int column, double value);

  /** Sets a {@code bool} column. */
  RowWriter setBoolean(int column, boolean value);

  /** Sets a {@code string} column; a null {@code value} is the same as {@link #setNull}. */
  RowWriter setString(int column, String value);

  /** Sets a {@code timestamp} column to microseconds since 1970-01-01T00:00:00Z. */
  RowWriter setTimestampMicros(int column, long epochMicros);

  /**
   * Sets a {@code timestamp} column; sub-microsecond digits are dropped (rounding toward the past).
   * A null {@code value} is the same as {@link #setNull}.
   */
  default RowWriter setTimestamp(int column, Instant value) {
    return value == null ? setNull(column) : setTimestampMicros(column, Timestamps.toMicros(value));
  }

  /** Sets a nullable column to null. */
  RowWriter setNull(int column);

  /**
   * Sets a column of any type from its boxed value as Parity's vectors and rows hold it: a
   * {@code Boolean}, {@code Long}, {@code Double}, {@code String}, or a {@code Long} of
   * microseconds for a timestamp; null sets null.
   *
   * @throws ClassCastException if the value is not of the column's type
   */
  default RowWriter setValue(int column, Object value) {
    if (value == null) {
      return setNull(column);
    }
    return switch (columns().get(column).type()) {
      case BOOL -> setBoolean(column, (Boolean) value);
      case INT64 -> setLong(column, (Long) value);
      case FLOAT64 -> setDouble(column, (Double) value);
      case STRING -> setString(column, (String) value);
      case TIMESTAMP -> setTimestampMicros(column, (Long) value);
    };
  }

  /**
   * Appends the row built by the setters since the previous call.
   *
   * @throws IllegalStateException naming the first column not set in this row
   */
  void endRow();

  /** Rows appended so far. */
  long rowCount();

  /**
   * Finishes the file and moves it to its target in one atomic rename, replacing any file there.
   *
   * @throws DataWriteException if finishing or renaming fails; the temporary file is deleted
   * @throws IllegalStateException if a row was started but not ended, or the writer is closed
   */
  void commit();

  /** Releases the file; without a prior {@link #commit()}, deletes what was written. */
  @Override
  void close();
}
