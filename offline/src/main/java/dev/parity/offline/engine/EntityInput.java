package dev.parity.offline.engine;

import dev.parity.definitions.DataType;
import dev.parity.definitions.SourceFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.EntityTable;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;

/**
 * The entity table of a run: its files, checked to share one schema holding every view's join
 * keys and {@code event_timestamp}; spilled into each view's partitions with a row number, and
 * read again in order to assemble the output. An entity row with a null event time or a null
 * join key is an error naming the file, the row (from 1, within the file) and the column.
 */
final class EntityInput {
  /** What the spill pass learned: row count and range of T. */
  record Stats(long rows, long minTime, long maxTime) {}

  private final TableScanner scanner;
  private final List<Path> files;
  private final List<String> columns;
  private final List<DataType> types = new ArrayList<>();

  /**
   * @param opened the table's files (and, for Parquet, their footers, read once)
   * @param table what the request says of the table: its declared CSV columns
   */
  EntityInput(EntityFiles opened, EntityTable table, List<OfflineView> views) {
    this.scanner = opened.scanner(table);
    this.files = opened.files();
    FileSchema first = scanner.schema(files.get(0));
    this.columns = table.format() == SourceFormat.CSV
        ? table.csvColumns().stream().map(ColumnSpec::name).toList()
        : first.allColumns();
    for (Path file : files) {
      FileSchema schema = file.equals(files.get(0)) ? first : scanner.schema(file);
      for (int c = 0; c < columns.size(); c++) {
        DataType type = schema.type(columns.get(c));
        if (types.size() <= c) {
          types.add(type);
        } else if (types.get(c) != type) {
          throw new InputSchemaException(file, columns.get(c),
              "has type " + type + " but " + files.get(0) + " has " + types.get(c));
        }
      }
      schema.require(EntityTable.EVENT_TIMESTAMP, DataType.TIMESTAMP, "entity event time");
      for (OfflineView view : views) {
        for (ColumnSpec key : view.joinKeys()) {
          schema.require(key.name(), key.type(), "join key of view " + view.name());
        }
      }
    }
  }

  List<String> columns() {
    return columns;
  }

  List<DataType> types() {
    return types;
  }

  Path firstFile() {
    return files.get(0);
  }

  long estimateRows() {
    long rows = 0;
    for (Path file : files) {
      rows += scanner.estimateRows(file);
    }
    return rows;
  }

  /**
   * The range of T from the files' metadata (Parquet statistics), if every file records it: lets
   * the sources be spilled, pruned, while the entity table is still being read.
   */
  Optional<long[]> timeBounds() {
    return EntityFiles.eventTimeBounds(scanner, files);
  }

  /** Spills {@code (row, t, keys)} of every entity row into each view's partitions. */
  Stats spill(List<ViewPlan> plans, List<Partitioner> partitioners, BufferAllocator allocator,
      int batchRows, Progress progress) {
    Set<String> needed = new LinkedHashSet<>();
    needed.add(EntityTable.EVENT_TIMESTAMP);
    plans.forEach(p -> p.view.joinKeys().forEach(k -> needed.add(k.name())));
    List<String> read = List.copyOf(needed);
    long[] state = {0, Long.MAX_VALUE, Long.MIN_VALUE};
    ScanBuffers buffers = new ScanBuffers();
    for (Path file : files) {
      scanner.scan(file, read, null, allocator, batchRows, buffers, (batch, firstRow) -> {
        int n = batch.getRowCount();
        TimeStampMicroTZVector t = (TimeStampMicroTZVector) batch.getVector(EntityTable.EVENT_TIMESTAMP);
        checkTimes(file, t, n, firstRow, state);
        for (String key : read.subList(1, read.size())) {
          checkKey(file, key, batch.getVector(key), n, firstRow);
        }
        try (BigIntVector row = (BigIntVector) Vectors.create("row", DataType.INT64, allocator)) {
          row.allocateNew(n);
          Vectors.setLongs(row, ViewSource.sequence(state[0], n), ViewSource.allSet(n), n);
          row.setValueCount(n);
          int[] all = new int[n];
          for (int i = 0; i < n; i++) {
            all[i] = i;
          }
          for (int v = 0; v < plans.size(); v++) {
            List<FieldVector> layout = new ArrayList<>(List.of(row, t));
            plans.get(v).view.joinKeys().forEach(k -> layout.add(batch.getVector(k.name())));
            partitioners.get(v).add(new VectorSchemaRoot(layout), all, n);
          }
        }
        state[0] += n;
        progress.rowsRead("entities", n);
      });
    }
    return new Stats(state[0], state[1], state[2]);
  }

  /** Rejects a null event time; widens {@code state[1..2]} (min, max) by the batch's times. */
  private static void checkTimes(Path file, TimeStampMicroTZVector t, int n, long firstRow, long[] state) {
    long[] times = Vectors.longs(t, n);
    byte[] valid = Vectors.validity(t, n);
    long min = state[1];
    long max = state[2];
    for (int i = 0; i < n; i++) {
      if (!Vectors.isSet(valid, i)) {
        throw new InputSchemaException(file, EntityTable.EVENT_TIMESTAMP, "null event time in row " + (firstRow + i + 1));
      }
      min = Math.min(min, times[i]);
      max = Math.max(max, times[i]);
    }
    state[1] = min;
    state[2] = max;
  }

  /**
   * Rejects a null join key: an online lookup refuses one (400), and the training set must not
   * answer the same input with silently null features and counts of 0 instead.
   */
  private static void checkKey(Path file, String key, FieldVector values, int n, long firstRow) {
    if (values.getNullCount() == 0) {
      return;
    }
    byte[] valid = Vectors.validity(values, n);
    for (int i = 0; i < n; i++) {
      if (!Vectors.isSet(valid, i)) {
        throw new InputSchemaException(file, key, "null join key in row " + (firstRow + i + 1)
            + ": every entity row needs a value in each join key (an online lookup refuses a null key too)");
      }
    }
  }

  /** Reads every entity row, all columns, in input order. */
  void scanAll(BufferAllocator allocator, int batchRows, TableScanner.BatchSink sink) {
    ScanBuffers buffers = new ScanBuffers();
    for (Path file : files) {
      scanner.scan(file, columns, null, allocator, batchRows, buffers, sink);
    }
  }
}
