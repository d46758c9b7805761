package dev.parity.offline.features;

import static dev.parity.offline.parquet.write.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.DataType;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.Progress;
import dev.parity.offline.features.FeatureStatistics.Numeric;
import dev.parity.offline.features.FeatureStatistics.ValueCount;
import dev.parity.offline.parquet.write.DuckDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/** Feature statistics checked against DuckDB over the output, and the sketches beyond their exact range. */
class FeatureStatisticsTest extends DriversTrainingSetTest {
  @Override
  OfflineOptions options(OfflineOptions defaults) {
    return defaults.withBatchRows(512);
  }

  private static FeatureStatistics of(BuiltTrainingSet built, String column) {
    return built.statistics().stream().filter(s -> s.column().equals(column)).findFirst().orElseThrow();
  }

  @Test
  void numericStatisticsMatchDuckDbOverTheOutput() throws Exception {
    Path output = dir.resolve("acceptance.parquet");
    BuiltTrainingSet built = trainingSets.build(repository,
        TrainingSetSpec.of(FeatureSelector.service("trip_acceptance_v1"), repoDir.resolve("data/entities.parquet"), output),
        Progress.NONE);

    try (DuckDb duck = DuckDb.open()) {
      for (String column : List.of("driver_hourly_stats__conv_rate", "driver_hourly_stats__acc_rate",
          "driver_activity__trips_7d", "driver_activity__fare_avg_7d", "customer_profile__current_balance")) {
        FeatureStatistics stats = of(built, column);
        List<Object> row = duck.rows("SELECT count(*), count(*) - count(c), min(c), max(c), avg(c), stddev_samp(c),"
            + " quantile_cont(c, [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])"
            + " FROM (SELECT CAST(" + column + " AS DOUBLE) AS c FROM read_parquet(" + literal(output) + "))").get(0);
        assertThat(stats.count()).as(column).isEqualTo(((Number) row.get(0)).longValue());
        assertThat(stats.nulls()).as(column).isEqualTo(((Number) row.get(1)).longValue());
        Numeric numeric = stats.numeric();
        assertThat(numeric.min()).as(column).isEqualTo(((Number) row.get(2)).doubleValue());
        assertThat(numeric.max()).as(column).isEqualTo(((Number) row.get(3)).doubleValue());
        double mean = ((Number) row.get(4)).doubleValue();
        assertThat(numeric.mean()).as(column).isCloseTo(mean, within(1e-12 * Math.max(1, Math.abs(mean))));
        double stddev = ((Number) row.get(5)).doubleValue();
        assertThat(numeric.stddev()).as(column).isCloseTo(stddev, within(1e-9 * Math.max(1, stddev)));
        // Fewer values than the sample holds: quantiles are exact.
        Object[] q = (Object[]) ((java.sql.Array) row.get(6)).getArray();
        double[] actual = {numeric.quantiles().p1(), numeric.quantiles().p5(), numeric.quantiles().p25(),
            numeric.quantiles().p50(), numeric.quantiles().p75(), numeric.quantiles().p95(), numeric.quantiles().p99()};
        for (int i = 0; i < q.length; i++) {
          double expected = ((Number) q[i]).doubleValue();
          assertThat(actual[i]).as(column + " quantile " + i).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        }
        assertThat(numeric.sampleSize()).isEqualTo(stats.count() - stats.nulls());
        assertThat(numeric.histogram().counts()).hasSize(FeatureStatistics.HISTOGRAM_BINS);
        assertThat(numeric.histogram().counts().stream().mapToLong(Long::longValue).sum()).isEqualTo(numeric.sampleSize());
        long firstBin = duck.number("SELECT count(*) FROM read_parquet(" + literal(output) + ") WHERE " + column
            + " < " + (numeric.min() + (numeric.max() - numeric.min()) / FeatureStatistics.HISTOGRAM_BINS));
        assertThat(numeric.histogram().counts().get(0)).as(column + " first bin").isEqualTo(firstBin);
      }
    }
  }

  @Test
  void stringStatisticsMatchDuckDbAndSerializeWithStableNames() throws Exception {
    Path output = dir.resolve("acceptance.parquet");
    BuiltTrainingSet built = trainingSets.build(repository,
        TrainingSetSpec.of(FeatureSelector.service("trip_acceptance_v1"), repoDir.resolve("data/entities.parquet"), output),
        Progress.NONE);
    FeatureStatistics segment = of(built, "customer_profile__segment");

    try (DuckDb duck = DuckDb.open()) {
      String out = "read_parquet(" + literal(output) + ")";
      assertThat(segment.strings().exact()).isTrue();
      assertThat(segment.strings().distinct())
          .isEqualTo(duck.number("SELECT count(DISTINCT customer_profile__segment) FROM " + out));
      assertThat(segment.nulls()).isPositive()
          .isEqualTo(duck.number("SELECT count(*) FROM " + out + " WHERE customer_profile__segment IS NULL"));
      List<ValueCount> expected = duck.rows("SELECT customer_profile__segment, count(*) FROM " + out
          + " WHERE customer_profile__segment IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20").stream()
          .map(r -> new ValueCount((String) r.get(0), ((Number) r.get(1)).longValue())).toList();
      assertThat(segment.strings().top()).containsExactlyElementsOf(expected);
    }
    assertThat(segment.numeric()).isNull();

    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(built.statistics()));
    assertThat(json.get(0).get("feature").asText()).isEqualTo("driver_hourly_stats:conv_rate");
    assertThat(json.get(0).get("numeric").get("quantiles").get("p50").isNumber()).isTrue();
    assertThat(json.get(0).get("numeric").get("histogram").get("counts").size()).isEqualTo(20);
    assertThat(json.get(0).has("strings")).isFalse();
    JsonNode segmentJson = json.get(built.statistics().indexOf(segment));
    assertThat(segmentJson.get("strings").get("top").get(0).get("value").asText())
        .isEqualTo(segment.strings().top().get(0).value());
    assertThat(new ObjectMapper().treeToValue(segmentJson, FeatureStatistics.class)).isEqualTo(segment);
  }

  /**
   * Values in ascending order: a sampler that favoured early or late values (kept its first
   * values, or replaced them too often) would move every quantile; a uniform one keeps each
   * within a fraction of a percent of the range (rank error of a 100k sample: ~0.16 % at p50).
   */
  @Test
  void theSampleOfAnAscendingColumnSpansTheWholeColumnUniformly() {
    int n = 2_000_000;
    StatisticsCollector collector = new StatisticsCollector("v:x", "x", DataType.INT64);
    long[] words = new long[100_000];
    for (int from = 0; from < n; from += words.length) {
      for (int i = 0; i < words.length; i++) {
        words[i] = from + i;
      }
      collector.addDefinedWords(words, words.length, words.length);
    }
    FeatureStatistics.Quantiles q = collector.result().numeric().quantiles();
    double[] actual = {q.p1(), q.p5(), q.p25(), q.p50(), q.p75(), q.p95(), q.p99()};
    double[] levels = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
    for (int i = 0; i < levels.length; i++) {
      assertThat(actual[i]).as("quantile %s", levels[i]).isCloseTo(levels[i] * (n - 1), within(0.005 * n));
    }
  }

  @Test
  void quantilesOfALargeColumnStayWithinTheSampleTolerance() {
    int n = 400_000;
    SplittableRandom random = new SplittableRandom(7);
    double[] values = new double[n];
    StatisticsCollector collector = new StatisticsCollector("v:x", "x", DataType.FLOAT64);
    try (Float8Vector vector = new Float8Vector("x", allocator)) {
      vector.allocateNew(n);
      for (int i = 0; i < n; i++) {
        values[i] = random.nextDouble() * 1000;
        vector.set(i, values[i]);
      }
      vector.set(5, Double.NaN);
      vector.setNull(6);
      vector.setValueCount(n);
      collector.add(vector, n);
    }
    FeatureStatistics stats = collector.result();
    values[5] = Double.NaN;
    double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).filter(v -> v != values[6]).sorted().toArray();

    assertThat(stats.nulls()).isEqualTo(1);
    assertThat(stats.numeric().nan()).isEqualTo(1);
    assertThat(stats.numeric().sampleSize()).isEqualTo(FeatureStatistics.SAMPLE_SIZE);
    assertThat(stats.numeric().min()).isEqualTo(finite[0]);
    assertThat(stats.numeric().max()).isEqualTo(finite[finite.length - 1]);
    // A uniform sample of 100k: rank error well under 1% of the range.
    assertThat(stats.numeric().quantiles().p50()).isCloseTo(StatisticsCollector.quantile(finite, 0.5), within(10.0));
    assertThat(stats.numeric().quantiles().p99()).isCloseTo(StatisticsCollector.quantile(finite, 0.99), within(10.0));
    assertThat(stats.numeric().quantiles().p1()).isCloseTo(StatisticsCollector.quantile(finite, 0.01), within(10.0));
  }

  @Test
  void distinctStringsBeyondTheExactRangeAreEstimated() {
    int n = 250_000;
    StatisticsCollector collector = new StatisticsCollector("v:s", "s", DataType.STRING);
    try (VarCharVector vector = new VarCharVector("s", allocator)) {
      vector.allocateNew(n);
      for (int i = 0; i < n; i++) {
        // "hot" on every tenth row, distinct values otherwise.
        String value = i % 10 == 0 ? "hot" : "value-" + i;
        vector.setSafe(i, value.getBytes(StandardCharsets.UTF_8));
      }
      vector.setValueCount(n);
      collector.add(vector, n);
    }
    FeatureStatistics.Strings strings = collector.result().strings();
    long distinct = n - n / 10 + 1;

    assertThat(strings.exact()).isFalse();
    assertThat((double) strings.distinct()).isCloseTo(distinct, within(distinct * 0.03));
    assertThat(strings.top().get(0).value()).isEqualTo("hot");
    assertThat(strings.top().get(0).count()).isBetween((long) n / 10, (long) n / 10 + 100);
  }
}
