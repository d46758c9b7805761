package dev.parity.offline;

import static dev.parity.offline.Tables.MINUTE;
import static dev.parity.offline.Tables.T0;
import static dev.parity.offline.Tables.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.DataType;
import dev.parity.definitions.SourceFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Input formats, widening, output types as DuckDB sees them, and progress. */
class SourceAndOutputTest {
  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();

  private static final List<ColumnSpec> STATS = List.of(new ColumnSpec("driver_id", DataType.INT64),
      new ColumnSpec("ts", DataType.TIMESTAMP), new ColumnSpec("conv", DataType.FLOAT64),
      new ColumnSpec("trips", DataType.INT64), new ColumnSpec("city", DataType.STRING),
      new ColumnSpec("active", DataType.BOOL), new ColumnSpec("seen", DataType.TIMESTAMP));

  private OfflineView view(OfflineSource source) {
    return new OfflineView("stats", List.of(new ColumnSpec("driver_id", DataType.INT64)), source, Duration.ofHours(1),
        STATS.subList(2, STATS.size()).stream().map(c -> OfflineFeature.column(c.name(), c.type())).toList(), List.of());
  }

  private List<List<Object>> read(Path file) throws Exception {
    try (Tables.Duck duck = new Tables.Duck()) {
      return duck.rows("SELECT * FROM read_parquet(" + Tables.literal(file) + ")");
    }
  }

  private TrainingSetResult build(EntityTable entities, OfflineView view, Path out, Progress progress) {
    return OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp")))
        .buildTrainingSet(new TrainingSetRequest(entities, List.of(view), out, Optional.empty()), progress);
  }

  @Test
  void csvAndParquetInputsGiveTheSameTrainingSet() throws Exception {
    Files.writeString(dir.resolve("stats.csv"), String.join("\n",
        "city,driver_id,ts,conv,trips,active,seen,ignored",
        "\"Paris, FR\",1,2024-01-01T00:00:00Z,0.5,10,true,2024-01-01T00:00:00.123456Z,x",
        "\"say \"\"hi\"\"\",1,2024-01-01 00:10:00+00:00,,11,false,,y",
        ",2,2024-01-01T01:00:00+01:00,1e-3,,,2023-12-31T23:00:00Z,z",
        "\"multi",
        "line\",3,2024-01-01T00:30:00Z,-2.5,-7,true,,w", ""));
    Files.writeString(dir.resolve("entities.csv"),
        "driver_id,event_timestamp,label\n1,2024-01-01T00:05:00Z,a\n1,2024-01-01T00:20:00Z,\n2,2024-01-01T00:00:00Z,c\n3,2024-01-01T00:45:00Z,d\n4,2024-01-01T00:45:00Z,e\n");
    List<Object[]> stats = List.of(
        new Object[] {1L, T0, 0.5, 10L, "Paris, FR", true, T0 + 123_456},
        new Object[] {1L, T0 + 10 * MINUTE, null, 11L, "say \"hi\"", false, null},
        new Object[] {2L, T0, 1e-3, null, null, null, T0 - 60 * MINUTE},
        new Object[] {3L, T0 + 30 * MINUTE, -2.5, -7L, "multi\nline", true, null});
    Tables.parquet(dir.resolve("stats.parquet"), STATS.stream().map(c -> col(c.name(), c.type())).toList(), stats, 2);
    Tables.parquet(dir.resolve("entities.parquet"), List.of(col("driver_id", DataType.INT64),
        col("event_timestamp", DataType.TIMESTAMP), col("label", DataType.STRING)), List.of(
            new Object[] {1L, T0 + 5 * MINUTE, "a"}, new Object[] {1L, T0 + 20 * MINUTE, null},
            new Object[] {2L, T0, "c"}, new Object[] {3L, T0 + 45 * MINUTE, "d"}, new Object[] {4L, T0 + 45 * MINUTE, "e"}), 10);

    build(EntityTable.csv(dir.resolve("entities.csv").toString(), List.of(new ColumnSpec("driver_id", DataType.INT64),
            new ColumnSpec("event_timestamp", DataType.TIMESTAMP), new ColumnSpec("label", DataType.STRING))),
        view(new OfflineSource(SourceFormat.CSV, dir.resolve("stats.csv").toString(), "ts", Optional.empty(), STATS)),
        dir.resolve("from_csv.parquet"), Progress.NONE);
    build(EntityTable.parquet(dir.resolve("entities.parquet").toString()),
        view(OfflineSource.parquet(dir.resolve("stats.parquet").toString(), "ts", Optional.empty())),
        dir.resolve("from_parquet.parquet"), Progress.NONE);

    List<List<Object>> csv = read(dir.resolve("from_csv.parquet"));
    assertThat(csv).isEqualTo(read(dir.resolve("from_parquet.parquet")));
    assertThat(csv.get(1).subList(3, 6)).containsExactly(null, 11L, "say \"hi\"");
    assertThat(csv.get(3).get(5)).isEqualTo("multi\nline");
    assertThat(csv.get(4).subList(3, 8)).containsOnlyNulls();
  }

  @Test
  void widensNarrowIntegersAndFloats() throws Exception {
    Path source = dir.resolve("narrow.parquet");
    try (Tables.Duck duck = new Tables.Duck()) {
      duck.execute("COPY (SELECT 7::INTEGER AS driver_id, TIMESTAMPTZ '2024-01-01 00:00:00+00' AS ts, "
          + "0.25::FLOAT AS conv, 3::SMALLINT AS trips, 'x' AS city, true AS active, "
          + "TIMESTAMPTZ '2024-01-01 00:00:00+00' AS seen) TO " + Tables.literal(source) + " (FORMAT parquet)");
    }
    Tables.parquet(dir.resolve("entities.parquet"), List.of(col("driver_id", DataType.INT64),
        col("event_timestamp", DataType.TIMESTAMP)), Tables.rows(new Object[] {7L, T0 + MINUTE}), 10);
    Path out = dir.resolve("out.parquet");
    build(EntityTable.parquet(dir.resolve("entities.parquet").toString()),
        view(OfflineSource.parquet(source.toString(), "ts", Optional.empty())), out, Progress.NONE);
    assertThat(read(out).get(0).subList(2, 5)).containsExactly(0.25, 3L, "x");
  }

  @Test
  void duckDbReadsEveryOutputTypeBackAndProgressIsReported() throws Exception {
    Tables.parquet(dir.resolve("stats.parquet"), STATS.stream().map(c -> col(c.name(), c.type())).toList(),
        Tables.rows(new Object[] {1L, T0, 0.5, 10L, "a", true, T0}), 10);
    Tables.parquet(dir.resolve("entities.parquet"), List.of(col("driver_id", DataType.INT64),
        col("event_timestamp", DataType.TIMESTAMP)), Tables.rows(new Object[] {1L, T0}, new Object[] {1L, T0 + 2}), 10);
    Path out = dir.resolve("out.parquet");
    AtomicLong read = new AtomicLong();
    AtomicLong written = new AtomicLong();
    AtomicLong partitions = new AtomicLong();
    TrainingSetResult result = build(EntityTable.parquet(dir.resolve("entities.parquet").toString()),
        view(OfflineSource.parquet(dir.resolve("stats.parquet").toString(), "ts", Optional.empty())), out,
        new Progress() {
          @Override
          public void rowsRead(String table, long rows) {
            read.addAndGet(rows);
          }

          @Override
          public void partitionDone(int done, int total) {
            partitions.set(total * 1000L + done);
          }

          @Override
          public void rowsWritten(long rows) {
            written.addAndGet(rows);
          }
        });
    assertThat(result.rows()).isEqualTo(2);
    assertThat(read.get()).isEqualTo(3);
    assertThat(written.get()).isEqualTo(2);
    assertThat(partitions.get()).isEqualTo(1001);
    try (Tables.Duck duck = new Tables.Duck()) {
      Map<String, String> types = new java.util.LinkedHashMap<>();
      for (List<Object> row : duck.rows("DESCRIBE SELECT * FROM read_parquet(" + Tables.literal(out) + ")")) {
        types.put((String) row.get(0), (String) row.get(1));
      }
      assertThat(types).containsExactly(Map.entry("driver_id", "BIGINT"),
          Map.entry("event_timestamp", "TIMESTAMP WITH TIME ZONE"), Map.entry("stats__conv", "DOUBLE"),
          Map.entry("stats__trips", "BIGINT"), Map.entry("stats__city", "VARCHAR"), Map.entry("stats__active", "BOOLEAN"),
          Map.entry("stats__seen", "TIMESTAMP WITH TIME ZONE"));
      List<Object> row = duck.rows("SELECT epoch_us(event_timestamp), stats__conv, stats__trips, stats__city, "
          + "stats__active, epoch_us(stats__seen) FROM read_parquet(" + Tables.literal(out) + ")").get(1);
      assertThat(row).containsExactly(T0 + 2, 0.5, 10L, "a", true, T0);
    }
    assertThat(new ArrayList<>(List.of(dir.resolve("tmp").toFile().list()))).isEmpty();
  }
}
