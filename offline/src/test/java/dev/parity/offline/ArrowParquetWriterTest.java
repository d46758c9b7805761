package dev.parity.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parity.definitions.DataType;
import dev.parity.offline.parquet.ArrowParquetWriter;
import dev.parity.offline.parquet.Column;
import dev.parity.offline.parquet.DataWriteException;
import dev.parity.offline.parquet.ParquetWriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowParquetWriterTest {
  private static final List<DataType> TYPES =
      List.of(DataType.INT64, DataType.FLOAT64, DataType.STRING, DataType.BOOL, DataType.TIMESTAMP);

  @TempDir Path dir;
  private RootAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void close() {
    allocator.close();
  }

  /** Row r of the source vectors: every 7th value null, others derived from r. */
  private VectorSchemaRoot source(int n) {
    List<FieldVector> vectors = new ArrayList<>();
    for (DataType type : TYPES) {
      FieldVector v = Vectors.create(type.name().toLowerCase(), type, allocator);
      v.setInitialCapacity(n);
      v.allocateNew();
      for (int r = 0; r < n; r++) {
        Object value = switch (type) {
          case INT64 -> (long) r * 1_000_003L - 7;
          case FLOAT64 -> r / 8.0 - 3;
          case STRING -> "s" + r + (r % 3 == 0 ? "é" : "");
          case BOOL -> r % 2 == 0;
          default -> Tables.T0 + r * Tables.MINUTE;
        };
        Vectors.setSafe(v, r, (r + TYPES.indexOf(type)) % 7 == 0 ? null : value);
      }
      v.setValueCount(n);
      vectors.add(v);
    }
    return new VectorSchemaRoot(vectors);
  }

  private static String expected(DataType type, int r) {
    if ((r + TYPES.indexOf(type)) % 7 == 0) {
      return "null";
    }
    return switch (type) {
      case INT64 -> Long.toString((long) r * 1_000_003L - 7);
      case FLOAT64 -> Double.toString(r / 8.0 - 3);
      case STRING -> "s" + r + (r % 3 == 0 ? "é" : "");
      case BOOL -> Boolean.toString(r % 2 == 0);
      default -> OffsetDateTime.ofInstant(Tables.instant(Tables.T0 + r * Tables.MINUTE), ZoneOffset.UTC).toString();
    };
  }

  @Test
  void gatheredBatchesOnSeveralThreadsReadBackInOrderAcrossRowGroups() throws Exception {
    int n = 5_000;
    // Output row i takes source row order[i]: a permutation, written in uneven batches.
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) ((i * 1_237L) % n);
    }
    List<Column> columns = new ArrayList<>();
    for (DataType type : TYPES) {
      columns.add(Column.optional("c_" + type.name().toLowerCase(), type));
    }
    Path file = dir.resolve("out.parquet");
    try (VectorSchemaRoot source = source(n);
        ArrowParquetWriter out = ArrowParquetWriter.create(file, columns,
            ParquetWriteOptions.defaults().withRowGroupRowLimit(1_500), 3)) {
      FieldVector[] vectors = source.getFieldVectors().toArray(FieldVector[]::new);
      int[][] rows = new int[vectors.length][];
      Arrays.fill(rows, order);
      for (int from = 0; from < n; ) {
        int count = Math.min(n - from, 333 + from % 1000);
        int[] starts = new int[vectors.length];
        Arrays.fill(starts, from);
        out.writeBatch(vectors, rows, starts, count);
        from += count;
      }
      assertFalse(Files.exists(file), "the file appears only on commit");
      out.commit();
      assertEquals(n, out.rowCount());
    }
    try (Tables.Duck duck = new Tables.Duck()) {
      List<List<Object>> got = duck.rows("SELECT c_int64::VARCHAR, c_float64::VARCHAR, c_string, c_bool::VARCHAR, "
          + "strftime(c_timestamp, '%Y-%m-%dT%H:%MZ') FROM read_parquet(" + Tables.literal(file) + ") ORDER BY file_row_number");
      assertEquals(n, got.size());
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < TYPES.size(); c++) {
          Object cell = got.get(i).get(c);
          String actual = cell == null ? "null" : cell.toString();
          if (TYPES.get(c) == DataType.FLOAT64 && cell != null) {
            actual = Double.toString(Double.parseDouble(actual));
          }
          assertEquals(expected(TYPES.get(c), order[i]), actual, "row " + i + " column " + columns.get(c).name());
        }
      }
      List<List<Object>> groups = duck.rows("SELECT count(DISTINCT row_group_id) FROM parquet_metadata(" + Tables.literal(file) + ")");
      assertEquals(4L, ((Number) groups.get(0).get(0)).longValue(), "1500-row groups for 5000 rows");
      List<List<Object>> largest = duck.rows("SELECT max(row_group_num_rows) FROM parquet_metadata(" + Tables.literal(file) + ")");
      assertEquals(1500L, ((Number) largest.get(0).get(0)).longValue(), "batches are split at the row group limit");
    }
  }

  @Test
  void nullInARequiredColumnFailsNamingItAndLeavesNoFile() {
    Path file = dir.resolve("bad.parquet");
    try (VectorSchemaRoot source = source(20);
        ArrowParquetWriter out = ArrowParquetWriter.create(file,
            List.of(Column.required("x", DataType.INT64)), ParquetWriteOptions.defaults())) {
      // Source row 0 of the int64 column is null (every 7th, offset 0).
      DataWriteException e = assertThrows(DataWriteException.class,
          () -> out.writeBatch(new FieldVector[] {source.getVector(0)}, new int[1][], new int[1], 10));
      assertEquals("null in required column 'x'", e.getCause().getMessage());
      assertThrows(IllegalStateException.class, out::commit);
    }
    assertFalse(Files.exists(file));
  }
}
