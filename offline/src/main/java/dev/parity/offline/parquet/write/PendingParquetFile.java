package dev.parity.offline.parquet.write;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * The file lifecycle of an {@link ArrowParquetWriter}: parquet-java's file writer on the hidden
 * temporary file of an {@link AtomicTarget}, row groups appended as the column groups finish
 * them, then either published at the target ({@link #finish}, {@link #publish}) or discarded
 * ({@link #abandon}). Not thread-safe.
 */
final class PendingParquetFile {
  private final AtomicTarget target;
  private final ParquetFileWriter file;

  PendingParquetFile(AtomicTarget target, MessageType schema, ParquetProperties properties,
      ParquetWriteOptions options) throws IOException {
    this.target = target;
    this.file = new ParquetFileWriter(new LocalOutputFile(target.temp()), schema, ParquetFileWriter.Mode.OVERWRITE,
        options.rowGroupBytes(), 0, null, properties);
  }

  /** Where the file appears on {@link #publish}. */
  Path target() {
    return target.target();
  }

  /** Writes the file's header. */
  void start() throws IOException {
    file.start();
  }

  /** Appends a row group of {@code rows} rows: each group's finished chunks, in column order. */
  void writeRowGroup(long rows, ColumnGroup[] groups) throws IOException {
    file.startBlock(rows);
    for (ColumnGroup g : groups) {
      g.pages.flushToFileWriter(file);
    }
    file.endBlock();
  }

  /**
   * Writes the footer.
   *
   * @throws DataWriteException if it cannot be written
   */
  void finish() {
    try {
      file.end(Map.of());
    } catch (IOException | RuntimeException e) {
      throw new DataWriteException("cannot finish " + target.target(), e);
    }
  }

  /** Moves the finished file to its target. */
  void publish() {
    target.publish();
  }

  /**
   * Discards the unpublished file: closes parquet-java's writer, runs {@code release} whatever
   * happened, then deletes the temporary file; throws the first failure, later ones suppressed.
   */
  void abandon(Runnable release) {
    DataWriteException failure = null;
    try {
      file.close();
    } catch (IOException | RuntimeException e) {
      failure = new DataWriteException("cannot close abandoned " + target.temp(), e);
    } finally {
      release.run();
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
}
