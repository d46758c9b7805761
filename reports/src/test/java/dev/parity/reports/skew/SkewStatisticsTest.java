package dev.parity.reports.skew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each statistic on small cases worked out by hand (the working is in the expected expressions). */
class SkewStatisticsTest {
  private static final double EXACT = 1e-12;
  private final BufferAllocator allocator = new RootAllocator();
  private final Profiles profiles = new Profiles(allocator, SkewOptions.defaults());

  @AfterEach
  void close() {
    allocator.close();
  }

  @Test
  void psiSumsShareDifferencesTimesLogRatios() {
    double[] p = {0.5, 0.5};
    double[] q = {0.25, 0.75};
    // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5) = 0.25 ln 2 + 0.25 ln 1.5 = 0.274653...
    assertThat(SkewStatistics.psi(p, q)).isCloseTo(0.25 * Math.log(2) + 0.25 * Math.log(1.5), within(EXACT));
    assertThat(SkewStatistics.psi(p, q)).isCloseTo(0.2746530722, within(1e-9));
    assertThat(SkewStatistics.psi(q, p)).isCloseTo(SkewStatistics.psi(p, q), within(EXACT));
    assertThat(SkewStatistics.psi(p, p)).isZero();
  }

  @Test
  void psiCountsAnEmptyBinAsOneTenThousandth() {
    // p = (1, 0) -> (1, 1e-4); q = (0.5, 0.5): (0.5 - 1) ln 0.5 + (0.5 - 1e-4) ln(0.5 / 1e-4) = 4.604...
    double expected = -0.5 * Math.log(0.5) + (0.5 - 1e-4) * Math.log(5000);
    assertThat(SkewStatistics.psi(new double[] {1, 0}, new double[] {0.5, 0.5})).isCloseTo(expected, within(EXACT));
    assertThat(expected).isCloseTo(4.6044, within(1e-4));
    // a bin empty on both sides adds nothing
    assertThat(SkewStatistics.psi(new double[] {0.5, 0.5, 0}, new double[] {0.25, 0.75, 0}))
        .isCloseTo(SkewStatistics.psi(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}), within(EXACT));
  }

  @Test
  void jensenShannonDistanceIsTheRootOfTheBase2Divergence() {
    // P = (1/2, 1/2), Q = (1, 0), M = (3/4, 1/4)
    // KL(P||M) = 1/2 log2(2/3) + 1/2 log2(2) = 0.2075187...; KL(Q||M) = log2(4/3) = 0.4150375...
    // JSD = (0.2075187 + 0.4150375) / 2 = 0.3112781; distance = sqrt(JSD) = 0.5579230...
    double kpm = 0.5 * Math.log(2.0 / 3) / Math.log(2) + 0.5;
    double kqm = Math.log(4.0 / 3) / Math.log(2);
    double js = SkewStatistics.jensenShannonDistance(new double[] {0.5, 0.5}, new double[] {1, 0});
    assertThat(js).isCloseTo(Math.sqrt((kpm + kqm) / 2), within(EXACT));
    assertThat(js).isCloseTo(0.557923, within(1e-6));
    assertThat(SkewStatistics.jensenShannonDistance(new double[] {1, 0}, new double[] {0, 1})).isEqualTo(1.0);
    assertThat(SkewStatistics.jensenShannonDistance(new double[] {0.3, 0.7}, new double[] {0.3, 0.7})).isZero();
  }

  @Test
  void lInfinityIsTheLargestShareDifference() {
    double[] p = {0.5, 0.3, 0.2, 0};
    double[] q = {0.4, 0.3, 0.1, 0.2};
    // |0.5-0.4| = 0.1, 0, |0.2-0.1| = 0.1, |0-0.2| = 0.2
    assertThat(SkewStatistics.lInfinity(p, q)).isCloseTo(0.2, within(EXACT));
  }

  @Test
  void ksIsTheLargestGapBetweenTheDistributionFunctions() {
    // F_ref: 1->.25 2->.5 3->.75 4->1; F_cur: 3->.25 4->.5 5->.75 6->1; at x=2: .5-0; at x=4: 1-.5
    var ks = SkewStatistics.kolmogorovSmirnov(profiles.floats(1.0, 2.0, 3.0, 4.0), profiles.floats(3.0, 4.0, 5.0, 6.0));
    assertThat(ks).hasValue(0.5);
    // disjoint single values: 1 (DataSketches' computeKSDelta gives 0 here)
    assertThat(SkewStatistics.kolmogorovSmirnov(profiles.floats(1.0), profiles.floats(2.0))).hasValue(1.0);
    // ties: ref {0,0,1}: F(0) = 2/3; cur {0,1,1}: F(0) = 1/3
    assertThat(SkewStatistics.kolmogorovSmirnov(profiles.longs(0L, 0L, 1L), profiles.longs(0L, 1L, 1L)).getAsDouble())
        .isCloseTo(1.0 / 3, within(EXACT));
    // nulls and NaN do not count
    assertThat(SkewStatistics.kolmogorovSmirnov(profiles.floats(1.0, null, Double.NaN), profiles.floats(1.0))).hasValue(0.0);
    assertThat(SkewStatistics.kolmogorovSmirnov(profiles.floats((Double) null), profiles.floats(1.0))).isEmpty();
  }

  @Test
  void wassersteinIsTheAreaBetweenTheDistributionFunctions() {
    // a shift by 2 moves every unit of mass by 2
    assertThat(SkewStatistics.wasserstein(profiles.floats(1.0, 2.0, 3.0, 4.0), profiles.floats(3.0, 4.0, 5.0, 6.0)))
        .hasValue(2.0);
    // ref {0,0,1}, cur {0,1,1}: |F_ref - F_cur| = 1/3 on [0, 1)
    assertThat(SkewStatistics.wasserstein(profiles.longs(0L, 0L, 1L), profiles.longs(0L, 1L, 1L)).getAsDouble())
        .isCloseTo(1.0 / 3, within(EXACT));
  }

  @Test
  void normalizedWassersteinDividesByTheReferencePopulationDeviation() {
    // sd of {1,2,3,4} with divisor n: sqrt(((1.5)^2 + (0.5)^2 + (0.5)^2 + (1.5)^2) / 4) = sqrt(1.25)
    NumericProfile reference = profiles.floats(1.0, 2.0, 3.0, 4.0);
    assertThat(reference.standardDeviation()).isCloseTo(Math.sqrt(1.25), within(EXACT));
    assertThat(SkewStatistics.normalizedWasserstein(reference, profiles.floats(3.0, 4.0, 5.0, 6.0)).getAsDouble())
        .isCloseTo(2 / Math.sqrt(1.25), within(EXACT));
    // a constant reference: 0 against itself, undefined against anything else
    assertThat(SkewStatistics.normalizedWasserstein(profiles.floats(5.0, 5.0), profiles.floats(5.0))).hasValue(0.0);
    assertThat(SkewStatistics.normalizedWasserstein(profiles.floats(5.0, 5.0), profiles.floats(6.0))).isEmpty();
  }

  @Test
  void nullRateChangeIsTheSignedDifferenceOfMissingShares() {
    // ref: 1 null of 4 = 0.25; cur: a null and a NaN of 4 = 0.5
    assertThat(SkewStatistics.nullRateChange(profiles.floats(1.0, null, 2.0, 3.0), profiles.floats(null, Double.NaN, 1.0, 2.0)))
        .isCloseTo(0.25, within(EXACT));
    assertThat(SkewStatistics.nullRateChange(profiles.strings("a", null), profiles.strings("a", "b", "c", "d")))
        .isCloseTo(-0.5, within(EXACT));
  }
}
