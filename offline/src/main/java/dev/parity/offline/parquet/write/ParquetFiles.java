package dev.parity.offline.parquet.write;

import static java.util.Objects.requireNonNull;

import dev.parity.offline.work.WorkFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

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
    return create(target, columns, options, Optional.empty());
  }

  /**
   * As {@link #create(Path, List, ParquetWriteOptions)}, the temporary file recorded by the run's
   * working folder {@code owner}, which removes it if the process dies before the commit.
   */
  public static RowWriter create(Path target, List<Column> columns, ParquetWriteOptions options, WorkFolder owner) {
    return create(target, columns, options, Optional.of(requireNonNull(owner, "owner is null")));
  }

  private static RowWriter create(Path target, List<Column> columns, ParquetWriteOptions options,
      Optional<WorkFolder> owner) {
    requireNonNull(target, "target is null");
    requireNonNull(columns, "columns is null");
    requireNonNull(options, "options is null");
    AbstractRowWriter.checkSchema(columns);
    AtomicTarget atomic = AtomicTarget.create(target, owner);
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
    publish(finished, target, Optional.empty());
  }

  /**
   * As {@link #publish(Path, Path)}, the temporary file recorded by the run's working folder
   * {@code owner}, which removes it if the process dies before the rename.
   */
  public static void publish(Path finished, Path target, WorkFolder owner) {
    publish(finished, target, Optional.of(requireNonNull(owner, "owner is null")));
  }

  private static void publish(Path finished, Path target, Optional<WorkFolder> owner) {
    AtomicTarget atomic = AtomicTarget.create(target, owner);
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
