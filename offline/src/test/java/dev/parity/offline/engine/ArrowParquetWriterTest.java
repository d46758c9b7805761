package dev.parity.offline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parity.definitions.DataType;
import dev.parity.offline.parquet.write.ArrowParquetWriter;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.DataWriteException;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.parity.offline.Tables;
import dev.parity.offline.TestAllocator;

class ArrowParquetWriterTest {
  private static final List<DataType> TYPES =
      List.of(DataType.INT64, DataType.FLOAT64, DataType.STRING, DataType.BOOL, DataType.TIMESTAMP);

  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();

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

  /**
   * writeBatch, and writeBatchAhead with each batch's vectors of its own that are wiped (zeroed,
   * all null) and closed as soon as the next call returns, as its contract allows: a writer still
   * reading a batch after that would write wrong cells (or read freed memory).
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void gatheredBatchesOnSeveralThreadsReadBackInOrderAcrossRowGroups(boolean ahead) throws Exception {
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
      VectorSchemaRoot previous = null;
      try {
        for (int from = 0; from < n; ) {
          int count = Math.min(n - from, 333 + from % 1000);
          int[] starts = new int[vectors.length];
          Arrays.fill(starts, from);
          if (ahead) {
            VectorSchemaRoot own = source(n);
            out.writeBatchAhead(own.getFieldVectors().toArray(FieldVector[]::new), rows, starts, count);
            wipeAndClose(previous);
            previous = own;
          } else {
            out.writeBatch(vectors, rows, starts, count);
          }
          from += count;
        }
        assertFalse(Files.exists(file), "the file appears only on commit");
        out.commit();
      } finally {
        wipeAndClose(previous);
      }
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

  private static void wipeAndClose(VectorSchemaRoot root) {
    if (root == null) {
      return;
    }
    for (FieldVector v : root.getFieldVectors()) {
      v.getDataBuffer().setZero(0, v.getDataBuffer().capacity());
      v.getValidityBuffer().setZero(0, v.getValidityBuffer().capacity());
    }
    root.close();
  }

  /**
   * A failure in a batch handed over with writeBatchAhead is thrown by that call, a later one or
   * commit; close then discards the file, and only after it returns are the batches' vectors
   * closed (the test allocator fails the test if the writer still held any).
   */
  @Test
  void aFailureInABatchWrittenAheadIsThrownAndLeavesNoFile() {
    Path file = dir.resolve("bad-ahead.parquet");
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      int t = c % TYPES.size();
      columns.add(c == 6 ? Column.required("req", TYPES.get(t)) : Column.optional("c" + c, TYPES.get(t)));
    }
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try {
      DataWriteException e;
      try (ArrowParquetWriter out = ArrowParquetWriter.create(file, columns, ParquetWriteOptions.defaults(), 2)) {
        e = assertThrows(DataWriteException.class, () -> {
          for (int b = 0; b < 4; b++) {
            VectorSchemaRoot batch = source(700);
            batches.add(batch);
            FieldVector[] vectors = new FieldVector[10];
            for (int c = 0; c < 10; c++) {
              vectors[c] = batch.getVector(c % TYPES.size());
            }
            int[] from = new int[10];
            // Rows 0..99 of the required column (a float64, null when r % 7 == 6) have no
            // null from row 7 on... until batch 2 starts at row 6.
            Arrays.fill(from, b == 2 ? 6 : 7);
            out.writeBatchAhead(vectors, new int[10][], from, 100);
          }
          out.commit();
        });
      }
      assertEquals("null in required column 'req'", e.getCause().getMessage());
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
    assertFalse(Files.exists(file));
  }

  /**
   * The float64 and timestamp columns are written as whole plain pages by Parity, the others by
   * parquet-java: the same rows through the row writer (parquet-java for every column) must read
   * back identical, bit for bit, with the same statistics per row group and column. Pages of
   * 20,000 rows, two row groups; null runs long and short (RLE and bit-packed levels), NaN, -0.0
   * and infinities, and a required column.
   */
  @Test
  void plainPagesMatchParquetJavasColumnWritersValuesAndStatistics() throws Exception {
    int n = 50_003;
    List<Column> columns = List.of(Column.optional("d", DataType.FLOAT64), Column.optional("t", DataType.TIMESTAMP),
        Column.required("r", DataType.FLOAT64), Column.optional("i", DataType.INT64));
    List<Object[]> rows = new ArrayList<>();
    try (VectorSchemaRoot source = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(
        columns.stream().map(c -> Vectors.field(c.name(), c.type())).toList()), allocator)) {
      source.allocateNew();
      double[] specials = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
      for (int r = 0; r < n; r++) {
        boolean nullRun = r >= 1_000 && r < 4_000 || r >= 30_000 && r < 30_017;
        Double d = nullRun || r % 5 == 0 && r < 20_000 ? null : r % 997 == 0 ? specials[r / 997 % 5] : r * 0.37 - 9_000;
        Long t = r % 3 == 0 || r >= 40_000 && r < 41_000 ? null : Tables.T0 + r * 1_000_003L;
        Object[] row = {d, t, r % 11 == 0 ? Double.NaN : 1.5 * r, r % 4 == 0 ? null : (long) (r % 97)};
        rows.add(row);
        for (int c = 0; c < row.length; c++) {
          Vectors.setSafe(source.getVector(c), r, row[c]);
        }
      }
      source.setRowCount(n);
      Path file = dir.resolve("plain.parquet");
      try (ArrowParquetWriter out = ArrowParquetWriter.create(file, columns,
          ParquetWriteOptions.defaults().withRowGroupRowLimit(45_000), 2)) {
        FieldVector[] vectors = source.getFieldVectors().toArray(FieldVector[]::new);
        writeInBatches(out, vectors, new int[vectors.length][], n, 7_001);
        out.commit();
      }
      Path reference = dir.resolve("reference.parquet");
      Tables.parquet(reference, columns, rows, 45_000);
      try (Tables.Duck duck = new Tables.Duck()) {
        assertSameRows(duck, file, reference, n, "a.d::VARCHAR IS DISTINCT FROM b.d::VARCHAR"
            + " OR a.t IS DISTINCT FROM b.t OR a.r::VARCHAR IS DISTINCT FROM b.r::VARCHAR OR a.i IS DISTINCT FROM b.i");
        assertSameStatistics(duck, file, reference, 8, "two row groups of four columns");
        List<List<Object>> pages = duck.rows("SELECT max(total_uncompressed_size) FROM parquet_metadata("
            + Tables.literal(file) + ") WHERE path_in_schema = 'r'");
        assertEquals(true, ((Number) pages.get(0).get(0)).longValue() < 45_000 * 8 + 4_096,
            "plain pages of the required column hold values only, no levels");
      }
    }
  }

  @Test
  void nullInARequiredFloatColumnFailsNamingItAndLeavesNoFile() {
    // Source row 6 of the float64 column is null (every 7th, offset 1).
    assertRefused(Column.required("y", DataType.FLOAT64), 1, null, 10, "null in required column 'y'");
  }

  /** Plain pages read Arrow memory by address: a row past the vector is refused, not read. */
  @Test
  void aRowPastTheVectorIsRefusedAndLeavesNoFile() {
    assertRefused(Column.optional("y", DataType.FLOAT64), 1, new int[] {3, 19, 20}, 3, "row 20 of 20");
  }

  @Test
  void nullInARequiredColumnFailsNamingItAndLeavesNoFile() {
    // Source row 0 of the int64 column is null (every 7th, offset 0).
    assertRefused(Column.required("x", DataType.INT64), 0, null, 10, "null in required column 'x'");
  }

  /**
   * Writing {@code count} rows (through {@code rows}, or the first ones) of column {@code
   * sourceColumn} of a 20-row source as {@code column} fails with {@code message}; the writer
   * cannot commit after that and leaves no file.
   */
  private void assertRefused(Column column, int sourceColumn, int[] rows, int count, String message) {
    Path file = dir.resolve("bad.parquet");
    try (VectorSchemaRoot source = source(20);
        ArrowParquetWriter out = ArrowParquetWriter.create(file, List.of(column), ParquetWriteOptions.defaults())) {
      DataWriteException e = assertThrows(DataWriteException.class, () -> out.writeBatch(
          new FieldVector[] {source.getVector(sourceColumn)}, new int[][] {rows}, new int[1], count));
      assertEquals(message, e.getCause().getMessage());
      assertThrows(IllegalStateException.class, out::commit);
    }
    assertFalse(Files.exists(file));
  }

  @Test
  void nullInARequiredColumnAmongManyOnSeveralThreadsFailsNamingItAndLeavesNoFile() {
    Path file = dir.resolve("bad.parquet");
    // Twelve column ranges over two threads; the required one (a float64, every 7th null at
    // offset 1) sits among them, so whichever thread takes its range reports it.
    List<Column> columns = new ArrayList<>();
    List<FieldVector> vectors = new ArrayList<>();
    try (VectorSchemaRoot source = source(20)) {
      for (int c = 0; c < 12; c++) {
        int t = c % TYPES.size();
        columns.add(c == 6 ? Column.required("req", TYPES.get(t)) : Column.optional("c" + c, TYPES.get(t)));
        vectors.add(source.getVector(t));
      }
      try (ArrowParquetWriter out = ArrowParquetWriter.create(file, columns, ParquetWriteOptions.defaults(), 2)) {
        DataWriteException e = assertThrows(DataWriteException.class,
            () -> out.writeBatch(vectors.toArray(FieldVector[]::new), new int[12][], new int[12], 10));
        assertEquals("null in required column 'req'", e.getCause().getMessage());
        assertThrows(IllegalStateException.class, out::commit);
      }
    }
    assertFalse(Files.exists(file));
  }

  /**
   * An int64 column of nearly all distinct values is written as plain pages by Parity, one with
   * few values keeps parquet-java's dictionary: both read back identical to parquet-java's row
   * writer, bit for bit, with the same statistics per row group, through a row map as the
   * training set's feature columns are written.
   */
  @Test
  void wideInt64ColumnsMatchParquetJavasValuesAndStatisticsAndNarrowOnesKeepTheirDictionary() throws Exception {
    int n = 60_001;
    List<Column> columns = List.of(Column.optional("ids", DataType.INT64), Column.optional("few", DataType.INT64),
        Column.required("seq", DataType.INT64));
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) ((i * 7_919L) % n);
    }
    List<Object[]> rows = new ArrayList<>();
    try (VectorSchemaRoot source = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(
        columns.stream().map(c -> Vectors.field(c.name(), c.type())).toList()), allocator)) {
      source.allocateNew();
      for (int r = 0; r < n; r++) {
        boolean nullRun = r >= 2_000 && r < 5_000;
        Object[] row = {nullRun || r % 13 == 0 ? null : (r % 2 == 0 ? -1 : 1) * (r * 1_000_003L + Long.MAX_VALUE / 3),
            r % 6 == 0 ? null : (long) (r % 5) - 2, (long) r - 30_000};
        for (int c = 0; c < row.length; c++) {
          Vectors.setSafe(source.getVector(c), r, row[c]);
        }
      }
      source.setRowCount(n);
      for (int i = 0; i < n; i++) {
        Object[] row = new Object[columns.size()];
        for (int c = 0; c < row.length; c++) {
          row[c] = Vectors.get(source.getVector(c), order[i]);
        }
        rows.add(row);
      }
      Path file = dir.resolve("int64.parquet");
      try (ArrowParquetWriter out = ArrowParquetWriter.create(file, columns,
          ParquetWriteOptions.defaults().withRowGroupRowLimit(45_000), 2)) {
        FieldVector[] vectors = source.getFieldVectors().toArray(FieldVector[]::new);
        int[][] maps = new int[vectors.length][];
        Arrays.fill(maps, order);
        writeInBatches(out, vectors, maps, n, 9_001);
        out.commit();
      }
      Path reference = dir.resolve("reference.parquet");
      Tables.parquet(reference, columns, rows, 45_000);
      try (Tables.Duck duck = new Tables.Duck()) {
        assertSameRows(duck, file, reference, n,
            "a.ids IS DISTINCT FROM b.ids OR a.few IS DISTINCT FROM b.few OR a.seq IS DISTINCT FROM b.seq");
        assertSameStatistics(duck, file, reference, 6, "two row groups of three columns");
        String dictionary = "SELECT path_in_schema, bool_or(encodings LIKE '%%DICTIONARY%%') FROM parquet_metadata(%s)"
            + " GROUP BY ALL ORDER BY ALL";
        assertEquals("[[few, true], [ids, false], [seq, false]]",
            duck.rows(String.format(dictionary, Tables.literal(file))).toString());
        assertEquals("[[few, true], [ids, false], [seq, false]]",
            duck.rows(String.format(dictionary, Tables.literal(reference))).toString(),
            "parquet-java's writer ends with the same encodings (its fallback is PLAIN)");
      }
    }
  }

  /** Writes rows {@code [0, n)} of {@code vectors} in batches of {@code step}, through {@code maps}. */
  private static void writeInBatches(ArrowParquetWriter out, FieldVector[] vectors, int[][] maps, int n, int step) {
    for (int from = 0; from < n; ) {
      int count = Math.min(n - from, step);
      int[] starts = new int[vectors.length];
      Arrays.fill(starts, from);
      out.writeBatch(vectors, maps, starts, count);
      from += count;
    }
  }

  /** {@code file} has {@code n} rows and, row by row, none for which {@code differs} (over a and b) holds. */
  private static void assertSameRows(Tables.Duck duck, Path file, Path reference, int n, String differs)
      throws Exception {
    String a = "read_parquet(" + Tables.literal(file) + ", file_row_number = true)";
    String b = "read_parquet(" + Tables.literal(reference) + ", file_row_number = true)";
    List<List<Object>> differ = duck.rows("SELECT count(*) FROM " + a + " a JOIN " + b
        + " b USING (file_row_number) WHERE " + differs);
    assertEquals(0L, ((Number) differ.get(0).get(0)).longValue(), "rows that differ from parquet-java's");
    assertEquals((long) n, ((Number) duck.rows("SELECT count(*) FROM " + a).get(0).get(0)).longValue());
  }

  /** {@code file}'s per-row-group, per-column statistics are {@code reference}'s ({@code entries} of them). */
  private static void assertSameStatistics(Tables.Duck duck, Path file, Path reference, int entries, String what)
      throws Exception {
    String stats = "SELECT row_group_id, path_in_schema, row_group_num_rows, stats_min, stats_max, stats_null_count "
        + "FROM parquet_metadata(%s) ORDER BY row_group_id, path_in_schema";
    List<List<Object>> expected = duck.rows(String.format(stats, Tables.literal(reference)));
    assertEquals(entries, expected.size(), what);
    assertEquals(expected.toString(), duck.rows(String.format(stats, Tables.literal(file))).toString());
  }
}
