package dev.parity.offline.parquet.write;

import static dev.parity.offline.parquet.write.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFilesTest {
  private static final List<Column> COLUMNS =
      List.of(
          Column.required("id", DataType.INT64),
          Column.optional("amount", DataType.FLOAT64),
          Column.optional("flag", DataType.BOOL),
          Column.optional("name", DataType.STRING),
          Column.optional("ts", DataType.TIMESTAMP));

  @TempDir Path dir;

  @Test
  void quotesAsRfc4180AndWritesNullsAsEmptyFields() throws IOException {
    Path file = dir.resolve("t.csv");
    try (RowWriter out = CsvFiles.create(file, COLUMNS)) {
      out.setLong(0, 1).setDouble(1, 2.5).setBoolean(2, true).setString(3, "plain");
      out.setTimestamp(4, Instant.parse("2026-01-31T00:00:00Z")).endRow();
      out.setLong(0, 2).setNull(1).setNull(2).setString(3, "say \"hi\", then\nleave");
      out.setTimestamp(4, Instant.parse("1969-12-31T23:59:59.5Z")).endRow();
      out.setLong(0, 3).setDouble(1, -0.0).setBoolean(2, false).setString(3, "").setNull(4);
      out.endRow();
      out.commit();
    }

    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(
            "id,amount,flag,name,ts\n"
                + "1,2.5,true,plain,2026-01-31T00:00:00Z\n"
                + "2,,,\"say \"\"hi\"\", then\nleave\",1969-12-31T23:59:59.500Z\n"
                + "3,-0.0,false,\"\",\n");
  }

  @Test
  void duckDbReadsTheValuesBack() throws Exception {
    Path file = dir.resolve("t.csv");
    try (RowWriter out = CsvFiles.create(file, COLUMNS)) {
      out.setLong(0, Long.MIN_VALUE).setDouble(1, 1e-300).setBoolean(2, true);
      out.setString(3, "Zürich, 東京").setTimestampMicros(4, -1).endRow();
      out.setLong(0, 5).setNull(1).setNull(2).setNull(3).setTimestampMicros(4, 1).endRow();
      out.commit();
    }

    try (DuckDb duck = DuckDb.open()) {
      String relation =
          "read_csv(" + literal(file) + ", header = true, columns = {'id': 'BIGINT', "
              + "'amount': 'DOUBLE', 'flag': 'BOOLEAN', 'name': 'VARCHAR', 'ts': 'TIMESTAMPTZ'})";
      assertThat(duck.rows("SELECT id, amount, flag, name, epoch_us(ts) FROM " + relation))
          .containsExactly(
              List.of(Long.MIN_VALUE, 1e-300, true, "Zürich, 東京", -1L),
              java.util.Arrays.asList(5L, null, null, null, 1L));
    }
  }

  @Test
  void leavesNoFileWhenWritingFails() throws IOException {
    Path file = dir.resolve("failed.csv");
    assertThatThrownBy(
            () -> {
              try (RowWriter out = CsvFiles.create(file, COLUMNS)) {
                out.setLong(0, 1);
                throw new IllegalStateException("producer failed");
              }
            })
        .hasMessage("producer failed");
    assertThat(ParquetFilesTest.listing(dir)).isEmpty();
  }
}
