package dev.parity.reports.skew;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BinsTest {
  private final BufferAllocator allocator = new RootAllocator();
  private final Profiles profiles = new Profiles(allocator, SkewOptions.defaults());

  @AfterEach
  void close() {
    allocator.close();
  }

  private static void assertShares(double[] actual, double... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("bin " + i).isCloseTo(expected[i], within(1e-12));
    }
  }

  @Test
  void quantileEdgesCloseBinsOnTheRight() {
    // 1..10 in 5 bins: edges at the 0.2, 0.4, 0.6, 0.8 quantiles = 2, 4, 6, 8; two values a bin
    NumericProfile reference = profiles.longs(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    NumericBins bins = NumericBins.of(reference, 5);
    assertThat(bins.edges()).containsExactly(2, 4, 6, 8);
    assertThat(bins.labels(NumericBins::formatNumber))
        .containsExactly("< 1", "[1, 2]", "(2, 4]", "(4, 6]", "(6, 8]", "(8, 10]", "> 10", "missing");
    assertShares(bins.shares(reference), 0, 0.2, 0.2, 0.2, 0.2, 0.2, 0, 0);
  }

  @Test
  void theCurrentSideFallsInTheReferenceBinsWithOutOfRangeAndMissingBins() {
    NumericBins bins = NumericBins.of(profiles.longs(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), 5);
    // 0 below; 1, 2 in [1,2]; 5 in (4,6]; 10 in (8,10]; 11, 12 above; a null missing: 8 rows
    NumericProfile current = profiles.longs(0L, 1L, 2L, 5L, 10L, 11L, 12L, null);
    assertShares(bins.shares(current), 1 / 8.0, 2 / 8.0, 0, 1 / 8.0, 0, 1 / 8.0, 2 / 8.0, 1 / 8.0);
  }

  @Test
  void infinitiesGoToTheOutOfRangeBinsAndNanToMissing() {
    NumericBins bins = NumericBins.of(profiles.floats(1.0, 2.0), 2);
    // edge: the 0.5 quantile = 1, so [1, 1] and (1, 2]
    assertThat(bins.labels(NumericBins::formatNumber)).containsExactly("< 1", "[1, 1]", "(1, 2]", "> 2", "missing");
    assertShares(bins.shares(profiles.floats(Double.NEGATIVE_INFINITY, 1.0, Double.POSITIVE_INFINITY, Double.NaN)),
        0.25, 0.25, 0, 0.25, 0.25);
  }

  @Test
  void tiesMergeBins() {
    // 7 zeros and 3 ones in 10 bins: every quantile up to 0.7 is 0, the rest 1 (= max, no edge)
    Long[] values = {0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 1L, 1L};
    NumericBins bins = NumericBins.of(profiles.longs(values), 10);
    assertThat(bins.labels(NumericBins::formatNumber)).containsExactly("< 0", "[0, 0]", "(0, 1]", "> 1", "missing");
    assertShares(bins.shares(profiles.longs(values)), 0, 0.7, 0.3, 0, 0);
    // a constant reference has one value bin
    NumericBins constant = NumericBins.of(profiles.floats(3.0, 3.0), 10);
    assertThat(constant.labels(NumericBins::formatNumber)).containsExactly("< 3", "[3, 3]", "> 3", "missing");
  }

  @Test
  void aReferenceWithoutValuesHasOneBinForAnyValue() {
    NumericBins bins = NumericBins.of(profiles.floats(null, Double.NaN), 10);
    assertThat(bins.labels(NumericBins::formatNumber)).containsExactly("any value", "missing");
    assertShares(bins.shares(profiles.floats(1.0, null, 2.0, Double.POSITIVE_INFINITY)), 0.75, 0.25);
  }

  @Test
  void categoriesAreTheReferenceTopKThenOtherAndMissing() {
    CategoricalProfile reference = profiles.strings("a", "a", "a", "b", "b", "c", "d", null);
    CategoricalBins bins = CategoricalBins.of(reference, 2);
    assertThat(bins.labels()).containsExactly("a", "b", "other", "missing");
    assertShares(bins.shares(reference), 3 / 8.0, 2 / 8.0, 2 / 8.0, 1 / 8.0);
    // a category the reference never had is "other"
    assertShares(bins.shares(profiles.strings("a", "new", "new", "b")), 0.25, 0.25, 0.5, 0);
    // categories are decoded as UTF-8 text
    assertThat(CategoricalBins.of(profiles.strings("café", "日本", "café", ""), 3).labels())
        .containsExactly("café", "", "日本", "other", "missing");
    // ties in text order
    assertThat(CategoricalBins.of(profiles.strings("y", "x", "z"), 2).labels()).containsExactly("x", "y", "other", "missing");
  }

  @Test
  void boolsAreTheCategoriesTrueAndFalse() {
    CategoricalProfile reference = profiles.bools(true, true, false, null);
    CategoricalBins bins = CategoricalBins.of(reference, 20);
    assertThat(bins.labels()).containsExactly("true", "false", "other", "missing");
    assertShares(bins.shares(profiles.bools(false, false, false, true)), 0.25, 0.75, 0, 0);
  }
}
