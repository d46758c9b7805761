package dev.parity.offline.parquet.write;

import dev.parity.definitions.DataType;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The setter, row-completion and commit/abort logic both file formats share; a subclass only
 * encodes a complete row ({@link #write}) and finishes or abandons its file.
 */
abstract class AbstractRowWriter implements RowWriter {
  private enum State { OPEN, FAILED, COMMITTED, CLOSED }

  final RowBuffer row;
  private final AtomicTarget target;
  private State state = State.OPEN;
  private long rowCount;

  AbstractRowWriter(List<Column> columns, AtomicTarget target) {
    checkSchema(columns);
    this.row = new RowBuffer(columns);
    this.target = target;
  }

  /** Rejects schemas no format can hold, before any file is created. */
  static void checkSchema(List<Column> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    Set<String> seen = new HashSet<>();
    for (Column column : columns) {
      if (!seen.add(column.name())) {
        throw new IllegalArgumentException("duplicate column name '" + column.name() + "'");
      }
    }
  }

  /** Encodes the complete row in {@link #row}. */
  abstract void write(RowBuffer row) throws IOException;

  /** Finishes the file (footer, flush, close) so it can be published. */
  abstract void finish() throws IOException;

  /** Closes the file without caring about its content; it will be deleted. */
  abstract void abandon() throws IOException;

  @Override
  public List<Column> columns() {
    return row.columns;
  }

  @Override
  public RowWriter setLong(int column, long value) {
    row.mark(column, DataType.INT64);
    row.longs[column] = value;
    return this;
  }

  @Override
  public RowWriter setDouble(int column, double value) {
    row.mark(column, DataType.FLOAT64);
    row.doubles[column] = value;
    return this;
  }

  @Override
  public RowWriter setBoolean(int column, boolean value) {
    row.mark(column, DataType.BOOL);
    row.longs[column] = value ? 1 : 0;
    return this;
  }

  @Override
  public RowWriter setString(int column, String value) {
    if (value == null) {
      return setNull(column);
    }
    row.mark(column, DataType.STRING);
    row.strings[column] = value;
    return this;
  }

  @Override
  public RowWriter setTimestampMicros(int column, long epochMicros) {
    row.mark(column, DataType.TIMESTAMP);
    row.longs[column] = epochMicros;
    return this;
  }

  @Override
  public RowWriter setNull(int column) {
    row.markNull(column);
    return this;
  }

  @Override
  public void endRow() {
    requireOpen();
    row.completeRow();
    try {
      write(row);
    } catch (IOException | RuntimeException e) {
      state = State.FAILED;
      throw new DataWriteException("cannot write row " + (rowCount + 1) + " of " + target.target(), e);
    }
    row.nextRow();
    rowCount++;
  }

  @Override
  public long rowCount() {
    return rowCount;
  }

  @Override
  public void commit() {
    requireOpen();
    if (row.rowStarted()) {
      throw new IllegalStateException("a row was started but not ended: call endRow() first");
    }
    try {
      finish();
    } catch (IOException | RuntimeException e) {
      state = State.FAILED;
      throw new DataWriteException("cannot finish " + target.target(), e);
    }
    state = State.COMMITTED;
    target.publish();
  }

  @Override
  public void close() {
    if (state == State.COMMITTED || state == State.CLOSED) {
      state = State.CLOSED;
      return;
    }
    state = State.CLOSED;
    DataWriteException failure = null;
    try {
      abandon();
    } catch (IOException | RuntimeException e) {
      failure = new DataWriteException("cannot close abandoned " + target.temp(), e);
    }
    try {
      target.discard();
    } catch (DataWriteException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void requireOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("writer for " + target.target() + " is " + state);
    }
  }
}
