package dev.parity.offline;

import static dev.parity.offline.Tables.MINUTE;
import static dev.parity.offline.Tables.T0;
import static dev.parity.offline.Tables.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.Expressions;
import dev.parity.definitions.expr.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Windowed aggregations against a brute-force reference over random data, windows at the edges. */
class AggregationTest {
  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();

  /** One source row: index is its position in the single source file (source order). */
  private record Row(int index, long key, long ts, Long created, Long amount, Double fare, String city) {}

  @Test
  void everyFunctionMatchesBruteForceIncludingWindowEdges() throws Exception {
    Random random = new Random(5);
    List<Row> rows = new ArrayList<>();
    List<Object[]> raw = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      long ts = T0 + random.nextInt(240) * MINUTE;
      Row r = new Row(i, 1 + random.nextInt(12), ts, random.nextInt(5) == 0 ? null : ts + random.nextInt(2) * MINUTE,
          random.nextInt(6) == 0 ? null : (long) (random.nextInt(2001) - 1000),
          random.nextInt(6) == 0 ? null : random.nextDouble() * 100 - 50,
          random.nextInt(6) == 0 ? null : "c" + random.nextInt(7));
      rows.add(r);
      raw.add(new Object[] {r.key(), r.ts(), r.created(), r.amount(), r.fare(), r.city()});
    }
    Tables.parquet(dir.resolve("trips.parquet"), List.of(col("rider", DataType.INT64), col("ts", DataType.TIMESTAMP),
        col("created", DataType.TIMESTAMP), col("amount", DataType.INT64), col("fare", DataType.FLOAT64),
        col("city", DataType.STRING)), raw, 100);
    List<Object[]> entities = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      // Half of the entity times sit exactly on a source time, so (T - window) hits row times too.
      long t = i % 2 == 0 ? rows.get(random.nextInt(rows.size())).ts() : T0 + random.nextInt(260) * MINUTE;
      entities.add(new Object[] {(long) (1 + random.nextInt(14)), t});
    }
    Tables.parquet(dir.resolve("entities.parquet"), List.of(col("rider", DataType.INT64),
        col("event_timestamp", DataType.TIMESTAMP)), entities, 1000);

    Duration h = Duration.ofHours(1);
    Duration m30 = Duration.ofMinutes(30);
    OfflineView view = new OfflineView("trips", List.of(new ColumnSpec("rider", DataType.INT64)),
        OfflineSource.parquet(dir.resolve("trips.parquet").toString(), "ts", Optional.of("created")), Duration.ZERO,
        List.of(), List.of(
            OfflineAggregation.count("n_1h", h),
            OfflineAggregation.of("n_fare_1h", AggregationFunction.COUNT, "fare", h),
            OfflineAggregation.of("amount_sum_30m", AggregationFunction.SUM, "amount", m30),
            OfflineAggregation.of("fare_sum_1h", AggregationFunction.SUM, "fare", h),
            OfflineAggregation.of("amount_avg_1h", AggregationFunction.AVG, "amount", h),
            OfflineAggregation.of("city_min_1h", AggregationFunction.MIN, "city", h),
            OfflineAggregation.of("amount_max_30m", AggregationFunction.MAX, "amount", m30),
            OfflineAggregation.of("fare_last_1h", AggregationFunction.LAST, "fare", h),
            OfflineAggregation.of("city_distinct_1h", AggregationFunction.COUNT_DISTINCT, "city", h),
            new OfflineAggregation("fare2_max_1h", AggregationFunction.MAX, Optional.empty(),
                Optional.of(Expressions.compile("fare * 2.0", Scope.of(Map.of("fare", DataType.FLOAT64)))), h)));
    Path out = dir.resolve("out.parquet");
    OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp")).withPartitions(3))
        .buildTrainingSet(new TrainingSetRequest(EntityTable.parquet(dir.resolve("entities.parquet").toString()),
            List.of(view), out, Optional.empty()), Progress.NONE);

    List<List<Object>> actual;
    try (Tables.Duck duck = new Tables.Duck()) {
      actual = duck.rows("SELECT * FROM read_parquet(" + Tables.literal(out) + ")");
    }
    Comparator<Row> order = Comparator.comparingLong(Row::ts)
        .thenComparing(r -> r.created() == null ? Long.MIN_VALUE : r.created())
        .thenComparingInt(Row::index);
    long hour = 60 * MINUTE;
    long half = 30 * MINUTE;
    for (int i = 0; i < entities.size(); i++) {
      long key = (Long) entities.get(i)[0];
      long t = (Long) entities.get(i)[1];
      List<Row> inHour = window(rows, key, t, hour, order);
      List<Row> inHalf = window(rows, key, t, half, order);
      List<Object> expected = new ArrayList<>(List.of(key, OffsetDateTime.ofInstant(Tables.instant(t), java.time.ZoneOffset.UTC)));
      expected.add((long) inHour.size());
      expected.add(inHour.stream().filter(r -> r.fare() != null).count());
      expected.add(sumLong(inHalf, Row::amount));
      expected.add(sumDouble(inHour, Row::fare));
      Long hourSum = sumLong(inHour, Row::amount);
      long hourCount = inHour.stream().filter(r -> r.amount() != null).count();
      expected.add(hourSum == null ? null : hourSum / (double) hourCount);
      expected.add(inHour.stream().map(Row::city).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null));
      expected.add(inHalf.stream().map(Row::amount).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
      expected.add(inHour.isEmpty() ? null : inHour.get(inHour.size() - 1).fare());
      expected.add((long) new HashSet<>(inHour.stream().map(Row::city).filter(Objects::nonNull).toList()).size());
      expected.add(inHour.stream().map(Row::fare).filter(Objects::nonNull).map(f -> f * 2.0)
          .max(Comparator.naturalOrder()).orElse(null));
      assertThat(actual.get(i)).as("entity row %d", i).isEqualTo(expected);
    }
    assertThat(actual.stream().filter(r -> (Long) r.get(2) > 1).count()).as("windows with several rows").isGreaterThan(100);
  }

  private static List<Row> window(List<Row> rows, long key, long t, long width, Comparator<Row> order) {
    return rows.stream().filter(r -> r.key() == key && r.ts() > t - width && r.ts() <= t).sorted(order).toList();
  }

  private static Long sumLong(List<Row> rows, Function<Row, Long> value) {
    Long sum = null;
    for (Row r : rows) {
      Long v = value.apply(r);
      if (v != null) {
        sum = sum == null ? v : sum + v;
      }
    }
    return sum;
  }

  private static Double sumDouble(List<Row> rows, Function<Row, Double> value) {
    Double sum = null;
    for (Row r : rows) {
      Double v = value.apply(r);
      if (v != null) {
        sum = sum == null ? 0.0 + v : sum + v;
      }
    }
    return sum;
  }
}
