package dev.parity.offline.spark;

import static dev.parity.offline.spark.Fixtures.MINUTE;
import static dev.parity.offline.spark.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.EntityTable;
import dev.parity.offline.OfflineAggregation;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineFeature;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.TrainingSetRequest;
import dev.parity.offline.TrainingSetResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine against the embedded engine (itself checked against DuckDB by the offline
 * module's oracle tests) on the same seeded inputs: the training sets are equal cell by cell,
 * schema included, with the skipped-row counts.
 */
class SparkTrainingSetDifferentialTest {
  @RegisterExtension static final LocalSpark SPARK = new LocalSpark();
  @TempDir Path dir;


  private record Outputs(TrainingSetResult embedded, TrainingSetResult spark) {}

  private Outputs both(List<OfflineView> views, Optional<Instant> asOf, Optional<FutureTimeLimit> limit,
      SparkEngineOptions options) {
    EntityTable entities = EntityTable.parquet(dir.resolve("entities").toString());
    TrainingSetResult embedded;
    try (BufferAllocator allocator = new RootAllocator()) {
      embedded = OfflineEngine.embedded(allocator, OfflineOptions.defaults(dir.resolve("tmp"))).buildTrainingSet(
          new TrainingSetRequest(entities, views, dir.resolve("embedded.parquet"), asOf, limit), Progress.NONE);
    }
    TrainingSetResult onSpark = new SparkOfflineEngine(SPARK.session(), options).buildTrainingSet(
        new TrainingSetRequest(entities, views, dir.resolve("spark-out"), asOf, limit), Progress.NONE);
    return new Outputs(embedded, onSpark);
  }

  private void assertSameCells(Outputs outputs) {
    List<List<Object>> expected = Fixtures.read(outputs.embedded().output());
    List<List<Object>> actual = Fixtures.read(outputs.spark().output());
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)).as("row %d", i - 1).isEqualTo(expected.get(i));
    }
    assertThat(outputs.spark().schema()).isEqualTo(outputs.embedded().schema());
    assertThat(outputs.spark().rows()).isEqualTo(outputs.embedded().rows());
    assertThat(outputs.spark().skipped()).isEqualTo(outputs.embedded().skipped());
  }

  @Test
  void everyViewKindGivesTheEmbeddedEnginesCells() {
    List<OfflineView> views = Scenario.write(dir, 42, 600);
    Outputs outputs = both(views, Optional.empty(), Optional.empty(), SparkEngineOptions.defaults());
    assertSameCells(outputs);
    List<List<Object>> rows = Fixtures.read(outputs.spark().output());
    // The fixtures do exercise matches, misses and skipped rows (not a vacuous equality).
    assertThat(rows.stream().skip(1).filter(r -> r.get(5) != null).count()).isBetween(50L, 600L);
    assertThat(rows.stream().skip(1).filter(r -> r.get(5) == null).count()).isGreaterThan(20);
    assertThat(outputs.spark().skipped().get("trips").nullKeys()).isPositive();
    assertThat(outputs.spark().output().resolve("_SUCCESS")).exists();
    assertThat(outputs.spark().output().resolve("_parity.json")).content().contains("\"rows\" : 660");
  }

  @Test
  void asOfCreatedIgnoresTheSameRowsAsTheEmbeddedEngine() {
    List<OfflineView> views = Scenario.write(dir, 7, 400);
    Outputs outputs = both(views, Optional.of(Fixtures.instant(T0 + 150 * MINUTE)), Optional.empty(),
        SparkEngineOptions.defaults());
    assertSameCells(outputs);
  }

  @Test
  void theFutureLimitSkipsAndCountsTheSameRows() {
    List<OfflineView> views = Scenario.write(dir, 11, 300);
    FutureTimeLimit limit = new FutureTimeLimit(Fixtures.instant(T0 + 200 * MINUTE), Duration.ofMinutes(5));
    Outputs outputs = both(views, Optional.empty(), Optional.of(limit), SparkEngineOptions.defaults());
    assertSameCells(outputs);
    assertThat(outputs.spark().skipped().get("driver_stats").beyondFutureLimit()).isPositive();
  }

  @Test
  void hotKeysSpreadOverTimeRangesGiveTheSameCells() {
    List<OfflineView> views = Scenario.write(dir, 5, 500);
    // Every key is hot: each is merged in up to 5 time ranges, source rows copied where needed.
    Outputs outputs = both(views, Optional.empty(), Optional.empty(),
        SparkEngineOptions.defaults().withHotKeys(3, 5).withPartitions(7).withBatchRows(13));
    assertSameCells(outputs);
  }

  @Test
  void declaredDefaultsFillTheSameCellsAsTheEmbeddedEngine() {
    List<OfflineView> views = withDefaults(Scenario.write(dir, 17, 400));
    Outputs outputs = both(views, Optional.empty(), Optional.empty(),
        SparkEngineOptions.defaults().withHotKeys(3, 5));
    assertSameCells(outputs);
    List<List<Object>> rows = Fixtures.read(outputs.spark().output());
    int conv = rows.get(0).indexOf("driver_stats__conv_rate:float64");
    int city = rows.get(0).indexOf("trips__city_last_1h:string");
    // Not vacuous: defaults were filled (a feature without a match, an aggregation over no row),
    // and a match whose value is null stayed null.
    assertThat(rows.stream().skip(1).filter(r -> "-1.5".equals(r.get(conv))).count()).isPositive();
    assertThat(rows.stream().skip(1).filter(r -> r.get(conv) == null).count()).isPositive();
    assertThat(rows.stream().skip(1).filter(r -> "none".equals(r.get(city))).count()).isPositive();
  }

  @Test
  void bloomFilterPruningOfSourceKeysGivesTheCellsOfTheUnprunedRun() {
    List<OfflineView> views = Scenario.write(dir, 23, 600);
    // Ratio 1: the sources with at least as many rows as the entity table's 660 (stats, trips) are
    // pruned, zones (500 rows) is not; both paths in one run.
    assertThat(KeyBloomFilter.applies(660, 660, 1)).isTrue();
    assertThat(KeyBloomFilter.applies(660, 500, 1)).isFalse();
    assertSameCells(both(views, Optional.empty(), Optional.empty(),
        SparkEngineOptions.defaults().withBloomFilterRatio(1).withHotKeys(3, 5)));
    assertSameCells(both(views, Optional.empty(), Optional.empty(),
        SparkEngineOptions.defaults().withBloomFilterRatio(0)));
  }

  @Test
  void theKeyBloomFilterDropsMostSourceRowsOfKeysNoEntityRowHasAndKeepsEveryOther() {
    StructType keys = new StructType().add("driver_id", DataTypes.LongType).add("zone", DataTypes.StringType);
    List<Row> entityKeys = new ArrayList<>();
    for (long k = 1; k <= 20; k++) {
      entityKeys.add(RowFactory.create(k * 7, "z" + k));
    }
    List<Row> sourceKeys = new ArrayList<>();
    for (long k = 1; k <= 5000; k++) {
      sourceKeys.add(RowFactory.create(k, "z" + k / 7));
    }
    Dataset<Row> entityRows = SPARK.session().createDataFrame(entityKeys, keys);
    Dataset<Row> source = SPARK.session().createDataFrame(sourceKeys, keys);
    List<ColumnSpec> joinKeys = List.of(new ColumnSpec("driver_id", DataType.INT64),
        new ColumnSpec("zone", DataType.STRING));
    Column filter = KeyBloomFilter.sourceFilter(SPARK.session(), entityRows, 20, joinKeys, 5000, 10).orElseThrow();
    List<Row> kept = source.filter(filter).collectAsList();
    assertThat(kept).containsAll(entityKeys);
    assertThat(kept.size()).isLessThan(20 + 250);
    // Not built when the entity table is not that much smaller, or when pruning is off.
    assertThat(KeyBloomFilter.sourceFilter(SPARK.session(), entityRows, 20, joinKeys, 199, 10)).isEmpty();
    assertThat(KeyBloomFilter.sourceFilter(SPARK.session(), entityRows, 20, joinKeys, 5000, 0)).isEmpty();
  }

  /** {@code views} with a default on every feature and every aggregation that can have one. */
  private static List<OfflineView> withDefaults(List<OfflineView> views) {
    Map<String, DataType> inputs = Map.of("fare", DataType.FLOAT64, "km", DataType.INT64, "city", DataType.STRING,
        "pickup", DataType.TIMESTAMP);
    return views.stream().map(v -> new OfflineView(v.name(), v.joinKeys(), v.source(), v.ttl(),
        v.features().stream().map(f -> new OfflineFeature(f.name(), f.type(), f.expression(),
            Optional.of(defaultOf(f.type())))).toList(),
        v.aggregations().stream().map(a -> a.function().countsRows() ? a : new OfflineAggregation(a.name(),
            a.function(), a.column(), a.expression(), a.window(), Optional.of(defaultOf(OfflineAggregation.resultType(
                a.function(), a.column().map(inputs::get).orElseGet(() -> a.expression().orElseThrow().type()))))))
            .toList())).toList();
  }

  private static Object defaultOf(DataType type) {
    return switch (type) {
      case BOOL -> true;
      case INT64 -> -7L;
      case TIMESTAMP -> T0 - 5 * MINUTE;
      case FLOAT64 -> -1.5;
      case STRING -> "none";
    };
  }

  @Test
  void aRerunReplacesTheOutputDirectory() throws Exception {
    List<OfflineView> views = Scenario.write(dir, 3, 100);
    Outputs first = both(views, Optional.empty(), Optional.empty(), SparkEngineOptions.defaults());
    Files.writeString(first.spark().output().resolve("stale.parquet"), "not parquet");
    Outputs second = both(views, Optional.empty(), Optional.empty(), SparkEngineOptions.defaults());
    assertThat(second.spark().output().resolve("stale.parquet")).doesNotExist();
    assertSameCells(second);
    try (var siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".spark-out"));
    }
  }
}
