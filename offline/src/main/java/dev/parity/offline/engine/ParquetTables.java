package dev.parity.offline.engine;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.parity.offline.CorruptInputException;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.MissingInputException;

/**
 * Reads flat Parquet files into Arrow batches with the engine's own scanner, for modules that read
 * data files without joining them (skew reports): the same column types (narrow integers and
 * floats widened to int64 and float64, timestamps as UTC microseconds) and the same errors as
 * training sets and sources. Stateless and thread-safe; each scan has its own buffers.
 */
public final class ParquetTables {
  private static final ParquetScanner SCANNER = new ParquetScanner();

  private ParquetTables() {}

  /**
   * The columns of {@code file} Parity can read, in file order, with their types; columns of
   * other types are left out (scanning one fails with the reason).
   *
   * @throws MissingInputException if the file does not exist
   * @throws CorruptInputException if its footer cannot be read
   */
  public static Map<String, DataType> columns(Path file) {
    FileSchema schema = SCANNER.schema(requireNonNull(file, "file is null"));
    Map<String, DataType> columns = new LinkedHashMap<>();
    for (String column : schema.readableColumns()) {
      columns.put(column, schema.type(column));
    }
    return columns;
  }

  /**
   * The least and greatest value of the timestamp {@code column} of {@code file}, in UTC
   * microseconds, from the footer's statistics alone (no data is read): empty when the file lacks
   * the column, holds it as another type, or some row group has no statistics for it.
   *
   * @throws MissingInputException if the file does not exist
   * @throws CorruptInputException if its footer cannot be read
   */
  public static Optional<long[]> timeBounds(Path file, String column) {
    return SCANNER.timeBounds(requireNonNull(file, "file is null"), requireNonNull(column, "column is null"));
  }

  /**
   * Reads {@code columns} of every row of {@code file}, in file order.
   *
   * @param sink receives each batch of at most {@code batchRows} rows, its vectors in the order
   *     of {@code columns}; the batch and its vectors are reused after the call returns
   * @throws InputSchemaException if a column is missing or of a type Parity cannot read
   * @throws CorruptInputException if the data cannot be read
   */
  public static void scan(Path file, List<String> columns, BufferAllocator allocator, int batchRows,
      Consumer<VectorSchemaRoot> sink) {
    requireNonNull(file, "file is null");
    requireNonNull(sink, "sink is null");
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be at least 1: " + batchRows);
    }
    SCANNER.scan(file, List.copyOf(columns), null, requireNonNull(allocator, "allocator is null"), batchRows,
        new ScanBuffers(), (batch, firstRow) -> sink.accept(batch));
  }
}
