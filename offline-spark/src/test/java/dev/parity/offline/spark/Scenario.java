package dev.parity.offline.spark;

import static dev.parity.offline.spark.Fixtures.MINUTE;
import static dev.parity.offline.spark.Fixtures.T0;
import static dev.parity.offline.spark.Fixtures.col;

import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.Expressions;
import dev.parity.definitions.expr.Scope;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.OfflineAggregation;
import dev.parity.offline.OfflineFeature;
import dev.parity.offline.OfflineSource;
import dev.parity.offline.OfflineView;
import dev.parity.offline.parquet.write.Column;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded inputs full of the cases where engines disagree: event-time ties broken by created (null
 * created first) and then by source order across files; the same (key, event, created) in two
 * files with other values; rows exactly at T - ttl and at the edges of aggregation windows (every
 * time on a one-minute grid); late rows (created long after their event); null keys and null
 * values; keys without data; composite and string keys; entity times before any data; entity
 * rows split over files. Every view reads a row transform through the compiled evaluator.
 */
final class Scenario {
  private Scenario() {}

  /** Writes the sources and the entity table (directory {@code entities}) under {@code dir}; returns the views. */
  static List<OfflineView> write(Path dir, long seed, int entityRows) {
    Random random = new Random(seed);
    List<Column> statsColumns = List.of(col("driver_id", DataType.INT64), col("event_ts", DataType.TIMESTAMP),
        col("created", DataType.TIMESTAMP), col("conv_rate", DataType.FLOAT64), col("trips", DataType.INT64),
        col("vehicle", DataType.STRING), col("active", DataType.BOOL));
    List<List<Object[]>> statsFiles = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < 600; i++) {
      long ts = T0 + random.nextInt(300) * MINUTE;
      int late = random.nextInt(12);
      Object[] row = {random.nextInt(40) == 0 ? null : (long) (1 + random.nextInt(19)), ts,
          late == 0 ? null : late == 1 ? ts + 400 * MINUTE : ts + random.nextInt(3) * MINUTE,
          random.nextInt(8) == 0 ? null : random.nextDouble(),
          random.nextInt(8) == 0 ? null : (long) random.nextInt(1000),
          random.nextInt(8) == 0 ? null : "v" + random.nextInt(5) + (random.nextInt(9) == 0 ? "\uD83D\uDE00" : ""),
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
    Fixtures.parquet(dir.resolve("stats/a.parquet"), statsColumns, statsFiles.get(0), 50);
    Fixtures.parquet(dir.resolve("stats/b/part-0.parquet"), statsColumns, statsFiles.get(1), 1000);
    Fixtures.parquet(dir.resolve("stats/c.parquet"), statsColumns, statsFiles.get(2), 70);

    List<Column> zoneColumns = List.of(col("driver_id", DataType.INT64), col("zone", DataType.STRING),
        col("ts", DataType.TIMESTAMP), col("demand", DataType.FLOAT64));
    for (int f = 0; f < 2; f++) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        rows.add(new Object[] {(long) (1 + random.nextInt(10)), random.nextInt(30) == 0 ? null : "z" + random.nextInt(3),
            T0 + random.nextInt(200) * MINUTE, random.nextInt(10) == 0 ? null : random.nextDouble()});
      }
      Fixtures.parquet(dir.resolve("zones/" + f + ".parquet"), zoneColumns, rows, 64);
    }

    List<Column> tripColumns = List.of(col("driver_id", DataType.INT64), col("ts", DataType.TIMESTAMP),
        col("fare", DataType.FLOAT64), col("km", DataType.INT64), col("city", DataType.STRING),
        col("pickup", DataType.TIMESTAMP));
    for (int f = 0; f < 2; f++) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        long ts = T0 + random.nextInt(300) * MINUTE;
        rows.add(new Object[] {random.nextInt(50) == 0 ? null : (long) (1 + random.nextInt(15)), ts,
            random.nextInt(7) == 0 ? null : random.nextInt(3) == 0 ? (double) random.nextInt(4) : random.nextDouble() * 50,
            random.nextInt(7) == 0 ? null : (long) random.nextInt(5) - 2 + (random.nextInt(20) == 0 ? Long.MAX_VALUE / 2 : 0),
            random.nextInt(7) == 0 ? null : "c" + random.nextInt(4) + (random.nextInt(6) == 0 ? "\uFFFD" : ""),
            random.nextInt(7) == 0 ? null : ts - random.nextInt(30) * MINUTE});
      }
      Fixtures.parquet(dir.resolve("trips/day=" + f + "/trips.parquet"), tripColumns, rows, 100);
    }

    List<Column> entityColumns = List.of(col("label", DataType.FLOAT64), col("driver_id", DataType.INT64),
        col("zone", DataType.STRING), col("event_timestamp", DataType.TIMESTAMP), col("note", DataType.STRING));
    List<List<Object[]>> entityFiles = List.of(new ArrayList<>(), new ArrayList<>());
    for (int i = 0; i < entityRows; i++) {
      entityFiles.get(i < entityRows / 3 ? 0 : 1).add(new Object[] {random.nextDouble(), (long) (1 + random.nextInt(22)),
          "z" + random.nextInt(4), T0 + (random.nextInt(340) - 20) * MINUTE, random.nextBoolean() ? null : "n" + i});
    }
    for (int i = 0; i < entityRows / 10; i++) { // repeated entity rows
      List<Object[]> file = entityFiles.get(1);
      file.add(random.nextInt(file.size()), file.get(random.nextInt(file.size())).clone());
    }
    Fixtures.parquet(dir.resolve("entities/0.parquet"), entityColumns, entityFiles.get(0), 128);
    Fixtures.parquet(dir.resolve("entities/1.parquet"), entityColumns, entityFiles.get(1), 100);

    OfflineView stats = new OfflineView("driver_stats", List.of(new ColumnSpec("driver_id", DataType.INT64)),
        OfflineSource.parquet(dir.resolve("stats").toString(), "event_ts", Optional.of("created")),
        Duration.ofMinutes(60),
        List.of(OfflineFeature.column("conv_rate", DataType.FLOAT64), OfflineFeature.column("trips", DataType.INT64),
            OfflineFeature.column("vehicle", DataType.STRING), OfflineFeature.column("active", DataType.BOOL),
            new OfflineFeature("conv_x2", DataType.FLOAT64, Optional.of(compile("conv_rate * 2.0 + 1",
                Map.of("conv_rate", DataType.FLOAT64)))),
            new OfflineFeature("label", DataType.STRING, Optional.of(compile("concat(upper(vehicle), '-', cast(trips as string))",
                Map.of("vehicle", DataType.STRING, "trips", DataType.INT64))))),
        List.of());
    OfflineView zones = new OfflineView("zone_stats",
        List.of(new ColumnSpec("driver_id", DataType.INT64), new ColumnSpec("zone", DataType.STRING)),
        OfflineSource.parquet(dir.resolve("zones/*.parquet").toString(), "ts", Optional.empty()), Duration.ZERO,
        List.of(OfflineFeature.column("demand", DataType.FLOAT64)), List.of());
    Duration h = Duration.ofMinutes(60);
    Duration half = Duration.ofMinutes(30);
    OfflineView trips = new OfflineView("trips", List.of(new ColumnSpec("driver_id", DataType.INT64)),
        OfflineSource.parquet(dir.resolve("trips").toString(), "ts", Optional.empty()), Duration.ofMinutes(30),
        List.of(OfflineFeature.column("fare", DataType.FLOAT64)),
        List.of(OfflineAggregation.count("n_30m", half),
            OfflineAggregation.of("fares_1h", AggregationFunction.COUNT, "fare", h),
            OfflineAggregation.of("fare_sum_1h", AggregationFunction.SUM, "fare", h),
            OfflineAggregation.of("km_sum_1h", AggregationFunction.SUM, "km", h),
            OfflineAggregation.of("km_avg_30m", AggregationFunction.AVG, "km", half),
            OfflineAggregation.of("fare_avg_1h", AggregationFunction.AVG, "fare", h),
            OfflineAggregation.of("city_min_1h", AggregationFunction.MIN, "city", h),
            OfflineAggregation.of("city_max_1h", AggregationFunction.MAX, "city", h),
            OfflineAggregation.of("fare_max_45m", AggregationFunction.MAX, "fare", Duration.ofMinutes(45)),
            OfflineAggregation.of("fare_min_45m", AggregationFunction.MIN, "fare", Duration.ofMinutes(45)),
            OfflineAggregation.of("pickup_min_1h", AggregationFunction.MIN, "pickup", h),
            OfflineAggregation.of("fare_last_30m", AggregationFunction.LAST, "fare", half),
            OfflineAggregation.of("city_last_1h", AggregationFunction.LAST, "city", h),
            OfflineAggregation.of("cities_1h", AggregationFunction.COUNT_DISTINCT, "city", h),
            new OfflineAggregation("fare_x2_sum_1h", AggregationFunction.SUM, Optional.empty(),
                Optional.of(compile("fare * 2.0", Map.of("fare", DataType.FLOAT64))), h)));
    return List.of(stats, zones, trips);
  }

  private static dev.parity.definitions.expr.CompiledExpression compile(String source, Map<String, DataType> types) {
    return Expressions.compile(source, Scope.of(types));
  }
}
