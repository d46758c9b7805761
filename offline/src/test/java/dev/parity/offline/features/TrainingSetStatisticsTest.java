package dev.parity.offline.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.parity.definitions.DataType;
import dev.parity.offline.features.FeatureStatistics.Numeric;
import dev.parity.offline.features.TrainingSetStatistics.FeatureColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Statistics collected in parts (as a distributed write's tasks collect them, each part sent
 * through Java serialization) and merged in row order, against one collector fed every row.
 */
class TrainingSetStatisticsTest {
  private static final List<FeatureColumn> COLUMNS = List.of(new FeatureColumn("v:i", "v__i", DataType.INT64),
      new FeatureColumn("v:f", "v__f", DataType.FLOAT64), new FeatureColumn("v:t", "v__t", DataType.TIMESTAMP),
      new FeatureColumn("v:s", "v__s", DataType.STRING), new FeatureColumn("v:b", "v__b", DataType.BOOL));

  /** Seeded rows with nulls, NaN and infinities, {@code distinct} distinct strings. */
  private static List<Object[]> rows(int n, int distinct, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double f = random.nextInt(200) == 0 ? Double.NaN : random.nextInt(300) == 0 ? Double.NEGATIVE_INFINITY
          : random.nextGaussian() * 10;
      rows.add(new Object[] {random.nextInt(9) == 0 ? null : (long) random.nextInt(1000) - 500,
          random.nextInt(7) == 0 ? null : f, random.nextInt(5) == 0 ? null : 1_700_000_000_000_000L + random.nextInt(1 << 30),
          random.nextInt(6) == 0 ? null : "s" + random.nextInt(distinct), random.nextInt(4) == 0 ? null : random.nextBoolean()});
    }
    return rows;
  }

  private static TrainingSetStatistics fed(List<Object[]> rows, int from, int to) {
    TrainingSetStatistics statistics = new TrainingSetStatistics(COLUMNS);
    for (int r = from; r < to; r++) {
      for (int c = 0; c < COLUMNS.size(); c++) {
        statistics.add(c, rows.get(r)[c]);
      }
    }
    return statistics;
  }

  private static TrainingSetStatistics inParts(List<Object[]> rows, int... cuts) throws Exception {
    TrainingSetStatistics merged = roundTrip(fed(rows, 0, cuts[0]));
    for (int p = 0; p < cuts.length; p++) {
      merged.merge(roundTrip(fed(rows, cuts[p], p + 1 < cuts.length ? cuts[p + 1] : rows.size())));
    }
    return merged;
  }

  private static TrainingSetStatistics roundTrip(TrainingSetStatistics statistics) throws IOException,
      ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(statistics);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (TrainingSetStatistics) in.readObject();
    }
  }

  /** {@code s} with mean and deviation left out: the parts of the statistics merged exactly. */
  private static FeatureStatistics exactPart(FeatureStatistics s) {
    Numeric n = s.numeric();
    return n == null ? s : new FeatureStatistics(s.feature(), s.column(), s.type(), s.count(), s.nulls(),
        new Numeric(n.min(), n.max(), null, null, n.nan(), n.positiveInfinity(), n.negativeInfinity(), n.sampleSize(),
            n.quantiles(), n.histogram()), s.booleans(), s.strings());
  }

  @Test
  void partsMergedInRowOrderGiveOneCollectorsStatisticsWhileTheSampleHoldsEveryValue() throws Exception {
    List<Object[]> rows = rows(5000, 40, 1);
    List<FeatureStatistics> whole = fed(rows, 0, rows.size()).results();
    List<FeatureStatistics> merged = inParts(rows, 0, 1, 1200, 1200, 4999).results();
    assertThat(merged).hasSameSizeAs(whole);
    for (int c = 0; c < whole.size(); c++) {
      assertThat(exactPart(merged.get(c))).isEqualTo(exactPart(whole.get(c)));
      Numeric expected = whole.get(c).numeric();
      if (expected != null) {
        // Rounding apart: both are within a few ulps of the values' scale of the exact moments.
        assertThat(merged.get(c).numeric().mean()).isCloseTo(expected.mean(),
            within(1e-9 * Math.max(1, Math.abs(expected.mean()))));
        assertThat(merged.get(c).numeric().stddev()).isCloseTo(expected.stddev(), within(1e-9 * expected.stddev()));
      }
    }
  }

  @Test
  void beyondTheSampleAndTheExactStringsMergedPartsStayWithinTheSketchesBounds() throws Exception {
    int n = 2 * FeatureStatistics.SAMPLE_SIZE + 5000;
    List<Object[]> rows = rows(n, 3 * FeatureStatistics.EXACT_DISTINCT, 2);
    FeatureStatistics wholeFloat = fed(rows, 0, n).results().get(1);
    List<FeatureStatistics> merged = inParts(rows, 70_000, 150_000).results();
    FeatureStatistics f = merged.get(1);
    assertThat(f.count()).isEqualTo(wholeFloat.count());
    assertThat(f.nulls()).isEqualTo(wholeFloat.nulls());
    assertThat(f.numeric().min()).isEqualTo(wholeFloat.numeric().min());
    assertThat(f.numeric().max()).isEqualTo(wholeFloat.numeric().max());
    assertThat(f.numeric().sampleSize()).isEqualTo(FeatureStatistics.SAMPLE_SIZE);
    // A uniform sample of the N(0, 10) values: its median and quartiles near the population's.
    assertThat(f.numeric().quantiles().p50()).isCloseTo(wholeFloat.numeric().quantiles().p50(), within(0.3));
    assertThat(f.numeric().quantiles().p25()).isCloseTo(wholeFloat.numeric().quantiles().p25(), within(0.3));
    assertThat(f.numeric().quantiles().p75()).isCloseTo(wholeFloat.numeric().quantiles().p75(), within(0.3));
    FeatureStatistics s = merged.get(3);
    FeatureStatistics wholeString = fed(rows, 0, n).results().get(3);
    assertThat(s.strings().exact()).isFalse();
    assertThat((double) s.strings().distinct()).isCloseTo(wholeString.strings().distinct(),
        within(0.03 * wholeString.strings().distinct()));
    assertThat(s.count()).isEqualTo(wholeString.count());
  }

  @Test
  void statisticsOfOtherColumnsDoNotMerge() {
    TrainingSetStatistics one = new TrainingSetStatistics(COLUMNS.subList(0, 1));
    assertThatThrownBy(() -> one.merge(new TrainingSetStatistics(COLUMNS.subList(1, 2))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v__f");
  }
}
