package dev.parity.offline.engine;

import dev.parity.definitions.SourceFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.parity.offline.ColumnSpec;

/** Reads one input file of one format into Arrow batches. */
interface TableScanner {

  /** Receives the batches of a scan; the batch is reused after the call returns. */
  @FunctionalInterface
  interface BatchSink {
    /**
     * @param batch the rows, columns as requested
     * @param firstRow index in the file of the batch's first row (counting pruned rows too)
     */
    void accept(VectorSchemaRoot batch, long firstRow);
  }

  /**
   * An inclusive range of a timestamp column, in UTC microseconds, used to skip row groups; rows
   * outside may still be delivered.
   */
  record TimeRange(String column, long min, long max) {}

  FileSchema schema(Path file);

  /** Estimated row count, for sizing partitions. */
  long estimateRows(Path file);

  /**
   * The smallest and greatest value of a timestamp column (UTC microseconds) from the file's
   * metadata alone, if it records them for every row group; never reads the data.
   */
  default Optional<long[]> timeBounds(Path file, String column) {
    return Optional.empty();
  }

  /** Reads the file's rows in order, decoding into {@code buffers} (see {@link ScanBuffers}). */
  void scan(
      Path file,
      List<String> columns,
      TimeRange prune,
      BufferAllocator allocator,
      int batchRows,
      ScanBuffers buffers,
      BatchSink sink);

  /**
   * How many parts {@link #scanPart} can read the file in, each on its own (Parquet: its row
   * groups); 1 for a format without such parts.
   */
  default int parts(Path file) {
    return 1;
  }

  /**
   * As {@link #scan}, the rows of part {@code part} (of {@link #parts}) only; {@code firstRow}
   * still counts from the start of the file. Reading every part gives the rows {@link #scan}
   * gives.
   */
  default void scanPart(
      Path file,
      int part,
      List<String> columns,
      TimeRange prune,
      BufferAllocator allocator,
      int batchRows,
      ScanBuffers buffers,
      BatchSink sink) {
    if (part != 0) {
      throw new IllegalArgumentException("part " + part + " of a file read in one part");
    }
    scan(file, columns, prune, allocator, batchRows, buffers, sink);
  }

  static TableScanner of(SourceFormat format, List<ColumnSpec> csvColumns) {
    return format == SourceFormat.PARQUET ? new ParquetScanner() : new CsvScanner(csvColumns);
  }
}
