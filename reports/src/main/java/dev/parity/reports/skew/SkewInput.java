package dev.parity.reports.skew;

import dev.parity.definitions.DataType;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One side of a skew comparison: a data set that can be profiled. {@link ParquetInput} reads
 * Parquet files (a training set's output, a serving log's files); a training set by id and a time
 * range of the serving log resolve to files and row filters outside this module and implement
 * this interface the same way.
 */
public interface SkewInput {
  /** What the data set is, for the report. */
  String description();

  /** The columns the data set offers, with their Parity types, in its order. */
  Map<String, DataType> columns();

  /**
   * Profiles {@code columns} in one pass over the data.
   *
   * @param columns columns of {@link #columns()} with their types
   * @param allocator parent of the Arrow memory the pass uses; the pass releases what it takes
   * @throws SkewInputException if part of the data set lacks a column or holds it with another type
   * @throws dev.parity.ParityException for unreadable data (missing or corrupt files)
   */
  DatasetProfile profile(Map<String, DataType> columns, SkewOptions options, BufferAllocator allocator);
}
