package dev.parity.offline;

import static dev.parity.offline.Tables.MINUTE;
import static dev.parity.offline.Tables.T0;
import static dev.parity.offline.Tables.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parity.definitions.DataType;
import dev.parity.definitions.SourceFormat;
import dev.parity.offline.parquet.read.DamagedParquet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input fails with the right exception naming the file, and writes nothing. */
class BadInputTest {
  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();
  private Path out;

  @BeforeEach
  void open() {
    out = dir.resolve("out/training.parquet");
    Tables.parquet(dir.resolve("entities.parquet"), List.of(col("driver_id", DataType.INT64),
        col("event_timestamp", DataType.TIMESTAMP)), Tables.rows(new Object[] {1L, T0 + 5 * MINUTE}), 10);
    Tables.parquet(dir.resolve("stats.parquet"), List.of(col("driver_id", DataType.INT64), col("ts", DataType.TIMESTAMP),
        col("conv_rate", DataType.FLOAT64)), Tables.rows(new Object[] {1L, T0, 0.5}), 10);
  }

  @AfterEach
  void close() {
    assertThat(out).doesNotExist();
    assertThat(dir.resolve("tmp")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
  }

  private OfflineView view(String location, DataType featureType) {
    return new OfflineView("stats", List.of(new ColumnSpec("driver_id", DataType.INT64)),
        OfflineSource.parquet(location, "ts", Optional.empty()), Duration.ZERO,
        List.of(OfflineFeature.column("conv_rate", featureType)), List.of());
  }

  private void build(EntityTable entities, OfflineView view) {
    OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp")))
        .buildTrainingSet(new TrainingSetRequest(entities, List.of(view), out, Optional.empty()), Progress.NONE);
  }

  private EntityTable entities() {
    return EntityTable.parquet(dir.resolve("entities.parquet").toString());
  }

  @Test
  void rejectsMissingSourceNamingThePath() {
    Path missing = dir.resolve("nowhere/stats.parquet");
    assertThatThrownBy(() -> build(entities(), view(missing.toString(), DataType.FLOAT64)))
        .isInstanceOf(MissingInputException.class).hasMessageContaining(missing.toString())
        .satisfies(e -> assertThat(((OfflineException) e).file()).contains(missing));
  }

  @Test
  void rejectsGlobMatchingNothing() {
    assertThatThrownBy(() -> build(entities(), view(dir.resolve("*.csv").toString(), DataType.FLOAT64)))
        .isInstanceOf(MissingInputException.class).hasMessageContaining("*.csv");
  }

  @Test
  void rejectsCorruptParquetNamingTheFile() throws Exception {
    Path corrupt = dir.resolve("corrupt.parquet");
    Files.write(corrupt, "PAR1 this is not really parquet PAR1".getBytes());
    assertThatThrownBy(() -> build(entities(), view(corrupt.toString(), DataType.FLOAT64)))
        .isInstanceOf(CorruptInputException.class).hasMessageContaining(corrupt.toString());
  }

  @Test
  void rejectsCorruptPagesNamingFileColumnAndRowGroupInsteadOfParquetInternals() {
    Path stats = dir.resolve("stats.parquet");
    Tables.parquet(stats, List.of(col("driver_id", DataType.INT64), col("ts", DataType.TIMESTAMP),
        col("conv_rate", DataType.FLOAT64)), Tables.rows(new Object[] {1L, T0, 0.5}, new Object[] {1L, T0 + MINUTE, 0.6},
        new Object[] {1L, T0 + 2 * MINUTE, 0.7}), 1);
    DamagedParquet.breakPageHeader(stats, 1, "conv_rate");

    assertThatThrownBy(() -> build(entities(), view(stats.toString(), DataType.FLOAT64)))
        .isInstanceOfSatisfying(CorruptInputException.class, e -> assertThat(e.file()).contains(stats))
        .hasMessage(stats + ": corrupt Parquet file (column 'conv_rate', row group 2 of 3): a page header cannot be decoded");
  }

  @Test
  void rejectsCorruptPagesOfTheEntityTable() {
    Tables.parquet(dir.resolve("entities.parquet"), List.of(col("driver_id", DataType.INT64),
        col("event_timestamp", DataType.TIMESTAMP)), Tables.rows(new Object[] {1L, T0 + 5 * MINUTE}), 10);
    DamagedParquet.breakPageHeader(dir.resolve("entities.parquet"), 0, "event_timestamp");

    assertThatThrownBy(() -> build(entities(), view(dir.resolve("stats.parquet").toString(), DataType.FLOAT64)))
        .isInstanceOf(CorruptInputException.class)
        .hasMessage(dir.resolve("entities.parquet")
            + ": corrupt Parquet file (column 'event_timestamp', row group 1 of 1): a page header cannot be decoded");
  }

  @Test
  void rejectsColumnOfTheWrongTypeNamingFileAndColumn() {
    assertThatThrownBy(() -> build(entities(), view(dir.resolve("stats.parquet").toString(), DataType.INT64)))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageContaining(dir.resolve("stats.parquet").toString())
        .hasMessageContaining("conv_rate").hasMessageContaining("float64");
  }

  @Test
  void rejectsEntityTableWithoutJoinKey() {
    Tables.parquet(dir.resolve("no_key.parquet"), List.of(col("rider", DataType.INT64),
        col("event_timestamp", DataType.TIMESTAMP)), Tables.rows(new Object[] {1L, T0}), 10);
    assertThatThrownBy(() -> build(EntityTable.parquet(dir.resolve("no_key.parquet").toString()),
        view(dir.resolve("stats.parquet").toString(), DataType.FLOAT64)))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageContaining(dir.resolve("no_key.parquet").toString()).hasMessageContaining("driver_id");
  }

  @Test
  void rejectsEntityTableWithoutEventTimestamp() {
    Tables.parquet(dir.resolve("no_ts.parquet"), List.of(col("driver_id", DataType.INT64),
        col("ts", DataType.TIMESTAMP)), Tables.rows(new Object[] {1L, T0}), 10);
    assertThatThrownBy(() -> build(EntityTable.parquet(dir.resolve("no_ts.parquet").toString()),
        view(dir.resolve("stats.parquet").toString(), DataType.FLOAT64)))
        .isInstanceOf(InputSchemaException.class)
        .hasMessageContaining(dir.resolve("no_ts.parquet").toString()).hasMessageContaining("event_timestamp");
  }

  @Test
  void rejectsTimestampWithoutZoneInEntityTable() throws Exception {
    Path local = dir.resolve("local.parquet");
    try (Tables.Duck duck = new Tables.Duck()) {
      duck.execute("COPY (SELECT 1::BIGINT AS driver_id, TIMESTAMP '2024-01-01 00:05:00' AS event_timestamp) TO "
          + Tables.literal(local) + " (FORMAT parquet)");
    }
    assertThatThrownBy(() -> build(EntityTable.parquet(local.toString()),
        view(dir.resolve("stats.parquet").toString(), DataType.FLOAT64)))
        .isInstanceOf(InputSchemaException.class).hasMessageContaining(local.toString())
        .hasMessageContaining("event_timestamp").hasMessageContaining("without time zone");
  }

  @Test
  void rejectsTimestampWithoutZoneInSource() throws Exception {
    Path local = dir.resolve("local_stats.parquet");
    try (Tables.Duck duck = new Tables.Duck()) {
      duck.execute("COPY (SELECT 1::BIGINT AS driver_id, TIMESTAMP '2024-01-01 00:00:00' AS ts, 0.5::DOUBLE AS conv_rate) TO "
          + Tables.literal(local) + " (FORMAT parquet)");
    }
    assertThatThrownBy(() -> build(entities(), view(local.toString(), DataType.FLOAT64)))
        .isInstanceOf(InputSchemaException.class).hasMessageContaining(local.toString())
        .hasMessageContaining("ts").hasMessageContaining("without time zone");
  }

  @Test
  void rejectsUnparsableCsvRowWithLineAndColumn() throws Exception {
    Path csv = dir.resolve("stats.csv");
    Files.writeString(csv, "driver_id,ts,conv_rate\n1,2024-01-01T00:00:00Z,0.5\n2,2024-01-01T00:01:00Z,fast\n");
    OfflineView view = new OfflineView("stats", List.of(new ColumnSpec("driver_id", DataType.INT64)),
        new OfflineSource(SourceFormat.CSV, csv.toString(), "ts", Optional.empty(), List.of(
            new ColumnSpec("driver_id", DataType.INT64), new ColumnSpec("ts", DataType.TIMESTAMP),
            new ColumnSpec("conv_rate", DataType.FLOAT64))),
        Duration.ZERO, List.of(OfflineFeature.column("conv_rate", DataType.FLOAT64)), List.of());
    assertThatThrownBy(() -> build(entities(), view))
        .isInstanceOfSatisfying(CsvParseException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.column()).isEqualTo("conv_rate");
        })
        .hasMessageContaining(csv.toString()).hasMessageContaining("fast");
  }

  @Test
  void rejectsCsvTimestampWithoutZone() throws Exception {
    Path csv = dir.resolve("entities.csv");
    Files.writeString(csv, "driver_id,event_timestamp\n1,2024-01-01T00:05:00Z\n1,2024-01-01 00:06:00\n");
    EntityTable entities = EntityTable.csv(csv.toString(), List.of(new ColumnSpec("driver_id", DataType.INT64),
        new ColumnSpec("event_timestamp", DataType.TIMESTAMP)));
    assertThatThrownBy(() -> build(entities, view(dir.resolve("stats.parquet").toString(), DataType.FLOAT64)))
        .isInstanceOfSatisfying(CsvParseException.class, e -> {
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.column()).isEqualTo("event_timestamp");
        })
        .hasMessageContaining("without time zone");
  }

  @Test
  void rejectsNullEventTimeNamingTheRow() {
    Tables.parquet(dir.resolve("null_ts.parquet"), List.of(col("driver_id", DataType.INT64),
        col("event_timestamp", DataType.TIMESTAMP)), Tables.rows(new Object[] {1L, T0}, new Object[] {2L, null}), 10);
    assertThatThrownBy(() -> build(EntityTable.parquet(dir.resolve("null_ts.parquet").toString()),
        view(dir.resolve("stats.parquet").toString(), DataType.FLOAT64)))
        .isInstanceOf(InputSchemaException.class).hasMessageContaining("row 2");
  }

  @Test
  void rejectsANullJoinKeyInTheEntityTableNamingFileRowAndKey() {
    // Row 3 is in the second row group: the row number counts from the start of the file.
    Path table = dir.resolve("null_key.parquet");
    Tables.parquet(table, List.of(col("driver_id", DataType.INT64), col("event_timestamp", DataType.TIMESTAMP)),
        Tables.rows(new Object[] {1L, T0}, new Object[] {1L, T0 + MINUTE}, new Object[] {null, T0}), 2);
    assertThatThrownBy(() -> build(EntityTable.parquet(table.toString()),
        view(dir.resolve("stats.parquet").toString(), DataType.FLOAT64)))
        .isInstanceOf(InputSchemaException.class)
        .hasMessage(table + ": column driver_id: null join key in row 3: every entity row needs a value in each join "
            + "key (an online lookup refuses a null key too)")
        .satisfies(e -> assertThat(((InputSchemaException) e).column()).contains("driver_id"));
  }

  @Test
  void rejectsAnEmptyJoinKeyInACsvEntityTable() throws Exception {
    Path csv = dir.resolve("entities.csv");
    Files.writeString(csv, "driver_id,event_timestamp\n1,2024-01-01T00:05:00Z\n,2024-01-01T00:06:00Z\n");
    EntityTable entities = EntityTable.csv(csv.toString(), List.of(new ColumnSpec("driver_id", DataType.INT64),
        new ColumnSpec("event_timestamp", DataType.TIMESTAMP)));
    assertThatThrownBy(() -> build(entities, view(dir.resolve("stats.parquet").toString(), DataType.FLOAT64)))
        .isInstanceOf(InputSchemaException.class).hasMessageContaining(csv.toString())
        .hasMessageContaining("column driver_id: null join key in row 2");
  }
}
