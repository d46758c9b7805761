package dev.parity.offline.validation;

import dev.parity.definitions.SourceColumnType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads the column types and, in batches, the values of one data file. */
interface TableReader {

  /** Receives the batches of a scan; the value arrays are reused after the call returns. */
  @FunctionalInterface
  interface BatchSink {
    /** {@code rows} rows of the requested columns, in the requested order. */
    void accept(int rows, List<ColumnValues> columns);
  }

  /**
   * Column name to type, in file order.
   *
   * @throws dev.parity.offline.MissingInputException if the file does not exist
   * @throws dev.parity.offline.CorruptInputException if it cannot be read as its format
   */
  Map<String, ColumnType> schema(Path file);

  /**
   * Streams the requested readable columns, at most {@code batchRows} rows at a time.
   *
   * @throws dev.parity.offline.OfflineException as {@link #schema}, and {@link
   *     dev.parity.offline.CsvParseException} for a CSV value that does not parse
   */
  void scan(Path file, List<ColumnValues> columns, BatchSink sink);

  /** The reader of Parquet files, or of CSV files with the declared column types. */
  static TableReader of(dev.parity.definitions.SourceFormat format, Map<String, SourceColumnType> csvSchema) {
    return format == dev.parity.definitions.SourceFormat.PARQUET ? new ParquetTableReader() : new CsvTableReader(csvSchema);
  }
}
