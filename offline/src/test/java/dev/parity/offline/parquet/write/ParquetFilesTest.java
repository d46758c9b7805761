package dev.parity.offline.parquet.write;

import static dev.parity.offline.parquet.write.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.parity.definitions.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFilesTest {
  private static final List<Column> ALL_TYPES =
      List.of(
          Column.required("id", DataType.INT64),
          Column.optional("d", DataType.FLOAT64),
          Column.optional("b", DataType.BOOL),
          Column.optional("s", DataType.STRING),
          Column.optional("t", DataType.TIMESTAMP));

  @TempDir Path dir;
  private final DuckDb duck = DuckDb.open();

  @AfterEach
  void closeDuck() throws Exception {
    duck.close();
  }

  @Test
  void duckDbReadsDeclaredTypes() {
    Path file = dir.resolve("types.parquet");
    try (RowWriter out = ParquetFiles.create(file, ALL_TYPES, ParquetWriteOptions.defaults())) {
      out.setLong(0, 1).setDouble(1, 0.5).setBoolean(2, true).setString(3, "x");
      out.setTimestamp(4, Instant.parse("2026-01-31T00:00:00Z")).endRow();
      out.commit();
    }

    assertThat(duck.describe("read_parquet(" + literal(file) + ")"))
        .containsExactly(
            entry("id", "BIGINT"),
            entry("d", "DOUBLE"),
            entry("b", "BOOLEAN"),
            entry("s", "VARCHAR"),
            entry("t", "TIMESTAMP WITH TIME ZONE"));
    assertThat(
            duck.rows(
                "SELECT id, d, b, s, epoch_us(t) FROM read_parquet(" + literal(file) + ")"))
        .containsExactly(List.of(1L, 0.5, true, "x", 1_769_817_600_000_000L));
  }

  @Test
  void setValueWritesEachBoxedValueByItsColumnsType() {
    Path file = dir.resolve("values.parquet");
    try (RowWriter out = ParquetFiles.create(file, ALL_TYPES, ParquetWriteOptions.defaults())) {
      out.setValue(0, 7L).setValue(1, -0.25).setValue(2, false).setValue(3, "é").setValue(4, 1_769_817_600_000_001L);
      out.endRow();
      out.setValue(0, 8L).setValue(1, null).setValue(2, null).setValue(3, null).setValue(4, null).endRow();
      out.commit();
    }
    assertThat(duck.rows("SELECT id, d, b, s, epoch_us(t) FROM read_parquet(" + literal(file) + ") ORDER BY id"))
        .containsExactly(List.of(7L, -0.25, false, "é", 1_769_817_600_000_001L),
            java.util.Arrays.asList(8L, null, null, null, null));
  }

  @Test
  void keepsNullsDistinctFromEmptyAndZero() {
    Path file = dir.resolve("nulls.parquet");
    try (RowWriter out = ParquetFiles.create(file, ALL_TYPES, ParquetWriteOptions.defaults())) {
      out.setLong(0, 1).setNull(1).setNull(2).setNull(3).setNull(4).endRow();
      out.setLong(0, 2).setDouble(1, 0.0).setBoolean(2, false).setString(3, "");
      out.setTimestampMicros(4, 0).endRow();
      out.setLong(0, 3).setDouble(1, 1).setBoolean(2, true).setString(3, null);
      out.setTimestamp(4, null).endRow();
      out.commit();
    }

    assertThat(
            duck.rows(
                "SELECT id, d IS NULL, b IS NULL, s IS NULL, t IS NULL FROM read_parquet("
                    + literal(file) + ") ORDER BY id"))
        .containsExactly(
            List.of(1L, true, true, true, true),
            List.of(2L, false, false, false, false),
            List.of(3L, false, false, true, true));
  }

  @Test
  void roundTripsExtremeValues() {
    Path file = dir.resolve("extremes.parquet");
    double[] doubles = {
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
      Double.MAX_VALUE
    };
    long[] longs = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, 42};
    String[] strings = {"", "Zürich – 東京 🚗", "a,\"b\"\n", " ", "\u0000", "ascii"};
    long[] micros = {
      -1, Timestamps.toMicros(Instant.parse("1900-01-01T00:00:00.000001Z")), 0,
      Timestamps.toMicros(Instant.parse("1969-12-31T23:59:59.999999Z")),
      Timestamps.toMicros(Instant.parse("2262-04-11T23:47:16.854775Z")), 1
    };
    try (RowWriter out = ParquetFiles.create(file, ALL_TYPES, ParquetWriteOptions.defaults())) {
      for (int i = 0; i < doubles.length; i++) {
        out.setLong(0, longs[i]).setDouble(1, doubles[i]).setBoolean(2, i % 2 == 0);
        out.setString(3, strings[i]).setTimestampMicros(4, micros[i]).endRow();
      }
      out.commit();
    }

    List<List<Object>> rows =
        duck.rows("SELECT id, d, s, epoch_us(t) FROM read_parquet(" + literal(file) + ")");
    assertThat(rows).hasSize(doubles.length);
    for (int i = 0; i < doubles.length; i++) {
      List<Object> row = rows.get(i);
      assertThat(row.get(0)).isEqualTo(longs[i]);
      assertThat(Double.doubleToRawLongBits((Double) row.get(1)))
          .as("double %s", doubles[i])
          .isEqualTo(Double.doubleToRawLongBits(doubles[i]));
      assertThat(row.get(2)).isEqualTo(strings[i]);
      assertThat(row.get(3)).isEqualTo(micros[i]);
    }
  }

  @Test
  void flushesRowGroupsWhileStreaming() {
    Path file = dir.resolve("groups.parquet");
    List<Column> columns = List.of(Column.required("id", DataType.INT64));
    ParquetWriteOptions options = ParquetWriteOptions.defaults().withRowGroupRowLimit(100);
    try (RowWriter out = ParquetFiles.create(file, columns, options)) {
      for (long i = 0; i < 1050; i++) {
        out.setLong(0, i).endRow();
      }
      assertThat(out.rowCount()).isEqualTo(1050);
      out.commit();
    }

    assertThat(
            duck.number(
                "SELECT count(DISTINCT row_group_id) FROM parquet_metadata(" + literal(file) + ")"))
        .isEqualTo(11);
    assertThat(duck.rows("SELECT count(*), sum(id) FROM read_parquet(" + literal(file) + ")"))
        .containsExactly(List.of(1050L, java.math.BigInteger.valueOf(1050L * 1049 / 2)));
  }

  @Test
  void writesSnappyAndZstdReadably() {
    for (ParquetCompression compression : ParquetCompression.values()) {
      Path file = dir.resolve(compression + ".parquet");
      ParquetWriteOptions options = ParquetWriteOptions.defaults().withCompression(compression);
      try (RowWriter out = ParquetFiles.create(file, ALL_TYPES, options)) {
        for (int i = 0; i < 500; i++) {
          out.setLong(0, i).setDouble(1, i / 3.0).setBoolean(2, i % 3 == 0);
          out.setString(3, "v" + (i % 7)).setTimestampMicros(4, i * 1_000_000L).endRow();
        }
        out.commit();
      }
      assertThat(
              duck.number(
                  "SELECT count(*) FROM read_parquet(" + literal(file) + ") WHERE s = 'v3'"))
          .as("%s", compression)
          .isEqualTo(71);
      assertThat(
              duck.rows(
                  "SELECT DISTINCT compression FROM parquet_metadata(" + literal(file) + ")"))
          .containsExactly(List.of(compression.name()));
    }
  }

  @Test
  void leavesNoFileWhenWritingFails() throws IOException {
    Path file = dir.resolve("sub").resolve("failed.parquet");
    assertThatThrownBy(
            () -> {
              try (RowWriter out =
                  ParquetFiles.create(file, ALL_TYPES, ParquetWriteOptions.defaults())) {
                out.setLong(0, 1).setNull(1).setNull(2).setNull(3).setNull(4).endRow();
                throw new IllegalStateException("producer failed");
              }
            })
        .hasMessage("producer failed");

    assertThat(file).doesNotExist();
    assertThat(listing(file.getParent())).isEmpty();
  }

  @Test
  void keepsPreviousFileWhenReplacementFails() throws IOException {
    Path file = dir.resolve("kept.parquet");
    List<Column> columns = List.of(Column.required("id", DataType.INT64));
    try (RowWriter out = ParquetFiles.create(file, columns, ParquetWriteOptions.defaults())) {
      out.setLong(0, 7).endRow();
      out.commit();
    }
    byte[] before = Files.readAllBytes(file);

    try (RowWriter out = ParquetFiles.create(file, columns, ParquetWriteOptions.defaults())) {
      out.setLong(0, 8).endRow();
      assertThat(listing(dir)).hasSize(2);
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(listing(dir)).containsExactly("kept.parquet");
  }

  @Test
  void commitOntoADirectoryFailsAndCleansUp() throws IOException {
    Path target = dir.resolve("taken");
    Files.createDirectories(target.resolve("child"));
    List<Column> columns = List.of(Column.required("id", DataType.INT64));

    try (RowWriter out = ParquetFiles.create(target, columns, ParquetWriteOptions.defaults())) {
      out.setLong(0, 1).endRow();
      assertThatThrownBy(out::commit)
          .isInstanceOf(DataWriteException.class)
          .hasMessageContaining(target.toString());
    }

    assertThat(listing(dir)).containsExactly("taken");
  }

  @Test
  void rejectsMisuseNamingTheColumn() {
    Path file = dir.resolve("misuse.parquet");
    try (RowWriter out = ParquetFiles.create(file, ALL_TYPES, ParquetWriteOptions.defaults())) {
      assertThatThrownBy(() -> out.setLong(3, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'s'");
      assertThatThrownBy(() -> out.setNull(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'id' is required");
      assertThatThrownBy(() -> out.setDouble(5, 1.0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("out of range");
      out.setLong(0, 1).setDouble(1, 2.0).setBoolean(2, true).setString(3, "x");
      assertThatThrownBy(out::endRow)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'t' was not set in row 1");
      assertThatThrownBy(out::commit)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("endRow");
    }
    assertThat(file).doesNotExist();
  }

  @Test
  void rejectsDuplicateColumnNamesBeforeCreatingAFile() throws IOException {
    List<Column> columns =
        List.of(Column.required("a", DataType.INT64), Column.optional("a", DataType.STRING));
    assertThatThrownBy(
            () -> ParquetFiles.create(dir.resolve("x.parquet"), columns, ParquetWriteOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate column name 'a'");
    assertThat(listing(dir)).isEmpty();
  }

  static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void publishReplacesTheTargetAtomicallyAndAFailedPublishLeavesItAsItWas(@TempDir Path temp) throws IOException {
    Path target = temp.resolve("out/set.parquet");
    Files.createDirectories(target.getParent());
    Files.writeString(target, "earlier good file");
    Path finished = temp.resolve("work/finished.parquet");
    Files.createDirectories(finished.getParent());
    Files.writeString(finished, "new file");

    ParquetFiles.publish(finished, target);

    assertThat(Files.readString(target)).isEqualTo("new file");
    assertThat(finished).doesNotExist();
    assertThatThrownBy(() -> ParquetFiles.publish(temp.resolve("work/missing.parquet"), target))
        .isInstanceOf(DataWriteException.class).hasMessageContaining("missing.parquet");
    assertThat(Files.readString(target)).isEqualTo("new file");
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }
}
