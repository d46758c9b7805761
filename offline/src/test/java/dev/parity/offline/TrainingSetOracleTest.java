package dev.parity.offline;

import static dev.parity.offline.Tables.MINUTE;
import static dev.parity.offline.Tables.T0;
import static dev.parity.offline.Tables.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.Expressions;
import dev.parity.definitions.expr.Scope;
import dev.parity.offline.engine.ParquetTables;
import dev.parity.offline.parquet.write.Column;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point-in-time joins checked cell by cell against DuckDB SQL (window functions over {@code
 * read_parquet} with {@code filename}/{@code file_row_number} as source order) on seeded data
 * full of ties, cross-file duplicates, rows exactly at T - ttl, nulls and keys without data.
 */
class TrainingSetOracleTest {
  private static final long TTL = 60 * MINUTE;
  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();

  /** Writes seeded sources and entity table; returns the views. */
  private List<OfflineView> generate(long seed) throws Exception {
    Random random = new Random(seed);
    List<Column> statsColumns = List.of(col("driver_id", DataType.INT64), col("event_ts", DataType.TIMESTAMP),
        col("created", DataType.TIMESTAMP), col("conv_rate", DataType.FLOAT64), col("trips", DataType.INT64),
        col("vehicle", DataType.STRING), col("active", DataType.BOOL));
    List<List<Object[]>> statsFiles = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < 600; i++) {
      long ts = T0 + random.nextInt(300) * MINUTE;
      Object[] row = {(long) (1 + random.nextInt(19)), ts,
          random.nextInt(10) == 0 ? null : ts + random.nextInt(3) * MINUTE,
          random.nextInt(8) == 0 ? null : random.nextDouble(),
          random.nextInt(8) == 0 ? null : (long) random.nextInt(1000),
          random.nextInt(8) == 0 ? null : "v" + random.nextInt(5),
          random.nextInt(8) == 0 ? null : random.nextBoolean()};
      statsFiles.get(random.nextInt(3)).add(row);
    }
    for (int i = 0; i < 60; i++) { // same (key, event, created) in another file, other values
      List<Object[]> from = statsFiles.get(i % 3);
      Object[] copy = from.get(random.nextInt(from.size())).clone();
      copy[3] = random.nextDouble();
      copy[4] = (long) random.nextInt(1000);
      statsFiles.get((i + 1 + random.nextInt(2)) % 3).add(copy);
    }
    Files.createDirectories(dir.resolve("stats/b"));
    Tables.parquet(dir.resolve("stats/a.parquet"), statsColumns, statsFiles.get(0), 50);
    Tables.parquet(dir.resolve("stats/b/part-0.parquet"), statsColumns, statsFiles.get(1), 1000);
    Tables.parquet(dir.resolve("stats/c.parquet"), statsColumns, statsFiles.get(2), 70);

    List<Column> zoneColumns = List.of(col("driver_id", DataType.INT64), col("zone", DataType.STRING),
        col("ts", DataType.TIMESTAMP), col("demand", DataType.FLOAT64));
    for (int f = 0; f < 2; f++) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        rows.add(new Object[] {(long) (1 + random.nextInt(10)), "z" + random.nextInt(3),
            T0 + random.nextInt(200) * MINUTE, random.nextInt(10) == 0 ? null : random.nextDouble()});
      }
      Tables.parquet(dir.resolve("zones/" + f + ".parquet"), zoneColumns, rows, 64);
    }

    List<Column> entityColumns = List.of(col("label", DataType.FLOAT64), col("driver_id", DataType.INT64),
        col("zone", DataType.STRING), col("event_timestamp", DataType.TIMESTAMP), col("note", DataType.STRING));
    List<Object[]> entities = new ArrayList<>();
    // Every entity row has its keys: a null key is an error (BadInputTest), as it is online.
    for (int i = 0; i < 500; i++) {
      entities.add(new Object[] {random.nextDouble(), (long) (1 + random.nextInt(22)), "z" + random.nextInt(4),
          T0 + (random.nextInt(340) - 20) * MINUTE, random.nextBoolean() ? null : "n" + i});
    }
    for (int i = 0; i < 50; i++) {
      entities.add(random.nextInt(entities.size()), entities.get(random.nextInt(entities.size())).clone());
    }
    Tables.parquet(dir.resolve("entities.parquet"), entityColumns, entities, 128);

    OfflineView stats = new OfflineView("driver_stats", List.of(new ColumnSpec("driver_id", DataType.INT64)),
        OfflineSource.parquet(dir.resolve("stats").toString(), "event_ts", Optional.of("created")), Duration.ofMinutes(60),
        List.of(OfflineFeature.column("conv_rate", DataType.FLOAT64), OfflineFeature.column("trips", DataType.INT64),
            OfflineFeature.column("vehicle", DataType.STRING), OfflineFeature.column("active", DataType.BOOL),
            new OfflineFeature("conv_x2", DataType.FLOAT64, Optional.of(Expressions.compile("conv_rate * 2.0 + 1",
                Scope.of(Map.of("conv_rate", DataType.FLOAT64)))))),
        List.of());
    OfflineView zones = new OfflineView("zone_stats",
        List.of(new ColumnSpec("driver_id", DataType.INT64), new ColumnSpec("zone", DataType.STRING)),
        OfflineSource.parquet(dir.resolve("zones/*.parquet").toString(), "ts", Optional.empty()), Duration.ZERO,
        List.of(OfflineFeature.column("demand", DataType.FLOAT64)), List.of());
    return List.of(stats, zones);
  }

  private static String oracle(Path dir, Optional<Long> asOf) {
    String ent = "(SELECT *, file_row_number AS rn FROM read_parquet(" + Tables.literal(dir.resolve("entities.parquet"))
        + ", file_row_number = true))";
    String stats = "(SELECT *, filename AS fn, file_row_number AS frn FROM read_parquet(["
        + Tables.literal(dir.resolve("stats/a.parquet")) + ", " + Tables.literal(dir.resolve("stats/b/part-0.parquet"))
        + ", " + Tables.literal(dir.resolve("stats/c.parquet")) + "], filename = true, file_row_number = true)"
        + asOf.map(a -> " WHERE created IS NULL OR epoch_us(created) <= " + a).orElse("") + ")";
    String zones = "(SELECT *, filename AS fn, file_row_number AS frn FROM read_parquet("
        + Tables.literal(dir.resolve("zones")) + " || '/*.parquet', filename = true, file_row_number = true))";
    return "WITH e AS " + ent + ", "
        + "s AS (SELECT e.rn, st.conv_rate, st.trips, st.vehicle, st.active, st.conv_rate * 2.0 + 1 AS conv_x2, "
        + "  row_number() OVER (PARTITION BY e.rn ORDER BY st.event_ts DESC, st.created DESC NULLS LAST, st.fn DESC, st.frn DESC) AS pick"
        + "  FROM e JOIN " + stats + " st ON st.driver_id = e.driver_id AND st.event_ts <= e.event_timestamp"
        + "  AND epoch_us(st.event_ts) >= epoch_us(e.event_timestamp) - " + TTL + "), "
        + "z AS (SELECT e.rn, zs.demand, row_number() OVER (PARTITION BY e.rn ORDER BY zs.ts DESC, zs.fn DESC, zs.frn DESC) AS pick"
        + "  FROM e JOIN " + zones + " zs ON zs.driver_id = e.driver_id AND zs.zone = e.zone AND zs.ts <= e.event_timestamp) "
        + "SELECT e.label, e.driver_id, e.zone, e.event_timestamp, e.note, s.conv_rate, s.trips, s.vehicle, s.active, s.conv_x2, z.demand "
        + "FROM e LEFT JOIN s ON s.rn = e.rn AND s.pick = 1 LEFT JOIN z ON z.rn = e.rn AND z.pick = 1 ORDER BY e.rn";
  }

  private List<List<Object>> run(List<OfflineView> views, OfflineOptions options, Optional<Long> asOf, String name)
      throws Exception {
    Path out = dir.resolve(name);
    TrainingSetResult result = OfflineEngine.embedded(allocator, options).buildTrainingSet(
        new TrainingSetRequest(EntityTable.parquet(dir.resolve("entities.parquet").toString()), views, out,
            asOf.map(Tables::instant)), Progress.NONE);
    assertThat(result.columns()).containsExactly("label", "driver_id", "zone", "event_timestamp", "note",
        "driver_stats__conv_rate", "driver_stats__trips", "driver_stats__vehicle", "driver_stats__active",
        "driver_stats__conv_x2", "zone_stats__demand");
    // The schema the engine returns is the one it wrote: callers use it instead of the footer.
    List<ColumnSpec> written = new ArrayList<>();
    ParquetTables.columns(out).forEach((column, type) -> written.add(new ColumnSpec(column, type)));
    assertThat(result.schema()).isEqualTo(written);
    try (Tables.Duck duck = new Tables.Duck()) {
      return duck.rows("SELECT * EXCLUDE (file_row_number) FROM read_parquet(" + Tables.literal(out)
          + ", file_row_number = true) ORDER BY file_row_number");
    }
  }

  private List<List<Object>> expected(Optional<Long> asOf) throws Exception {
    try (Tables.Duck duck = new Tables.Duck()) {
      return duck.rows(oracle(dir, asOf));
    }
  }

  @Test
  void matchesDuckDbCellByCell() throws Exception {
    List<OfflineView> views = generate(42);
    List<List<Object>> actual = run(views, OfflineOptions.defaults(dir.resolve("tmp")), Optional.empty(), "out.parquet");
    List<List<Object>> expected = expected(Optional.empty());
    assertThat(actual).hasSize(550);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("row %d", i).isEqualTo(expected.get(i));
    }
    long matched = actual.stream().filter(r -> r.get(5) != null || r.get(6) != null).count();
    assertThat(matched).as("rows with a driver_stats match").isBetween(100L, 500L);
    assertThat(actual.stream().filter(r -> r.get(10) != null).count()).as("rows with a zone match").isGreaterThan(50);
  }

  @Test
  void asOfCreatedIgnoresRowsCreatedLater() throws Exception {
    List<OfflineView> views = generate(7);
    long asOf = T0 + 150 * MINUTE;
    List<List<Object>> actual = run(views, OfflineOptions.defaults(dir.resolve("tmp")), Optional.of(asOf), "asof.parquet");
    assertThat(actual).isEqualTo(expected(Optional.of(asOf)));
    assertThat(actual).isNotEqualTo(expected(Optional.empty()));
  }

  @Test
  void manySmallPartitionsGiveTheSameOutputAsOne() throws Exception {
    List<OfflineView> views = generate(99);
    OfflineOptions base = OfflineOptions.defaults(dir.resolve("tmp"));
    List<List<Object>> one = run(views, base.withPartitions(1), Optional.empty(), "one.parquet");
    List<List<Object>> many = run(views, base.withPartitions(13).withBatchRows(17).withRowsPerPartition(40).withThreads(3),
        Optional.empty(), "many.parquet");
    assertThat(many).isEqualTo(one);
    assertThat(one).isEqualTo(expected(Optional.empty()));
    assertThat(dir.resolve("tmp")).isEmptyDirectory();
  }
}
