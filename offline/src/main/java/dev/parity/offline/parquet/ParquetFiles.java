package dev.parity.offline.parquet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Opens {@link RowWriter}s that write Parquet files. Stateless; safe from any thread. */
public final class ParquetFiles {
  private ParquetFiles() {}

  /**
   * Starts writing a Parquet file that will appear at {@code target} on {@link RowWriter#commit()}.
   * Parent directories are created; an existing file at {@code target} is replaced on commit.
   *
   * @param target the file to produce
   * @param columns the schema, in order; names must be distinct
   * @param options compression and row group layout
   * @throws IllegalArgumentException if {@code columns} is empty or has duplicate names
   * @throws DataWriteException if the temporary file cannot be created
   */
  public static RowWriter create(Path target, List<Column> columns, ParquetWriteOptions options) {
    requireNonNull(target, "target is null");
    requireNonNull(columns, "columns is null");
    requireNonNull(options, "options is null");
    AbstractRowWriter.checkSchema(columns);
    AtomicTarget atomic = AtomicTarget.create(target);
    try {
      return new ParquetRowWriter(columns, atomic, options);
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

  /**
   * Publishes the finished file {@code finished} at {@code target} atomically: moved to a hidden
   * temporary file next to the target (a copy if they are on different file systems), forced to
   * disk, then renamed over it. {@code finished} is gone afterwards.
   *
   * @throws DataWriteException if it cannot be moved; the target is then unchanged
   */
  public static void publish(Path finished, Path target) {
    AtomicTarget atomic = AtomicTarget.create(target);
    try {
      Files.move(finished, atomic.temp(), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      DataWriteException failure = new DataWriteException("cannot move " + finished + " to " + atomic.target(), e);
      try {
        atomic.discard();
      } catch (DataWriteException second) {
        failure.addSuppressed(second);
      }
      throw failure;
    }
    atomic.publish();
  }
}
