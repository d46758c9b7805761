package dev.parity.offline.parquet.write;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens {@link RowWriter}s that write CSV files (UTF-8, header line, RFC 4180 quoting, empty
 * field = null, ISO-8601 UTC timestamps). Stateless; safe from any thread.
 */
public final class CsvFiles {
  private CsvFiles() {}

  /**
   * Starts writing a CSV file that will appear at {@code target} on {@link RowWriter#commit()}.
   * Parent directories are created; an existing file at {@code target} is replaced on commit.
   *
   * @throws IllegalArgumentException if {@code columns} is empty or has duplicate names
   * @throws DataWriteException if the temporary file cannot be created
   */
  public static RowWriter create(Path target, List<Column> columns) {
    requireNonNull(target, "target is null");
    requireNonNull(columns, "columns is null");
    AbstractRowWriter.checkSchema(columns);
    AtomicTarget atomic = AtomicTarget.create(target);
    try {
      return new CsvRowWriter(columns, atomic);
    } catch (IOException | RuntimeException e) {
      DataWriteException failure =
          new DataWriteException("cannot start writing " + atomic.target(), e);
      try {
        atomic.discard();
      } catch (DataWriteException second) {
        failure.addSuppressed(second);
      }
      throw failure;
    }
  }
}
