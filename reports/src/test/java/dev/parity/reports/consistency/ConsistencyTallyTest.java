package dev.parity.reports.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parity.definitions.DataType;
import org.junit.jupiter.api.Test;

/** The per-feature counts and SMAPE against cases worked by hand. */
class ConsistencyTallyTest {

  @Test
  void countsEachKindOfRowAndTheMismatchRate() {
    ConsistencyTally tally = new ConsistencyTally(DataType.FLOAT64);
    // match, both null, online-only null, offline-only null, values differ
    assertThat(tally.add(1.0, 1.0)).isFalse();
    assertThat(tally.add(null, null)).isFalse();
    assertThat(tally.add(null, 2.0)).isTrue();
    assertThat(tally.add(3.0, null)).isTrue();
    assertThat(tally.add(4.0, 5.0)).isTrue();

    assertThat(tally.total).isEqualTo(5);
    assertThat(tally.bothNull).isEqualTo(1);
    assertThat(tally.onlineOnlyNull).isEqualTo(1);
    assertThat(tally.offlineOnlyNull).isEqualTo(1);
    assertThat(tally.valueMismatch).isEqualTo(1);
    assertThat(tally.mismatch()).isEqualTo(3);
    assertThat(tally.mismatchRate()).isEqualTo(0.6);
  }

  @Test
  void smapeIsTheMeanOverRowsWithBothValues() {
    ConsistencyTally tally = new ConsistencyTally(DataType.INT64);
    tally.add(100L, 100L); // 0
    tally.add(100L, 50L);  // 2 * 50 / 150 = 2/3
    tally.add(0L, 0L);     // 0/0 counts as 0
    tally.add(-1L, 1L);    // 2 * 2 / 2 = 2, the largest
    tally.add(null, 7L);   // not in SMAPE

    assertThat(tally.smape()).isCloseTo((0 + 2.0 / 3 + 0 + 2) / 4, within(1e-15));
  }

  @Test
  void smapeIsNullForStringsAndWithoutRowsHavingBothValues() {
    ConsistencyTally strings = new ConsistencyTally(DataType.STRING);
    strings.add("a", "b");
    ConsistencyTally nulls = new ConsistencyTally(DataType.FLOAT64);
    nulls.add(null, 1.0);

    assertThat(strings.smape()).isNull();
    assertThat(strings.valueMismatch).isEqualTo(1);
    assertThat(nulls.smape()).isNull();
  }

  @Test
  void doublesCompareExactlyWithNanEqualToNanAndZeroToNegativeZero() {
    assertThat(ConsistencyTally.same(Double.NaN, Double.NaN)).isTrue();
    assertThat(ConsistencyTally.same(0.0, -0.0)).isTrue();
    assertThat(ConsistencyTally.same(0.1 + 0.2, 0.3)).isFalse();
    assertThat(ConsistencyTally.same(3L, 3L)).isTrue();
    assertThat(ConsistencyTally.smape(Double.NaN, 1)).isEqualTo(2);
    assertThat(ConsistencyTally.smape(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isZero();
  }
}
