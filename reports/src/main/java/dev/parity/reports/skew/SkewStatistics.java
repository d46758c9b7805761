package dev.parity.reports.skew;

import java.util.OptionalDouble;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * The skew statistics, each of a reference distribution {@code P} and a current one {@code Q}.
 * The binned ones take the shares of the same bins on both sides (see {@link NumericBins} and
 * {@link CategoricalBins}); the distribution-function ones take the two profiles' finite values.
 * Stateless.
 */
final class SkewStatistics {
  /**
   * The share that stands in for an empty bin in PSI, on either side: without it one empty bin
   * makes PSI infinite. 1e-4 is the customary value (Evidently, NannyML); it caps one bin's
   * contribution at about {@code p * ln(p / 1e-4)}.
   */
  static final double PSI_EMPTY_BIN = 1e-4;

  private SkewStatistics() {}

  /**
   * Population stability index (Siddiqi, "Credit Risk Scorecards", Wiley 2006, ch. 8; Yurdakul,
   * "Statistical Properties of Population Stability Index", 2018):
   *
   * <pre>PSI = sum_b (q_b - p_b) * ln(q_b / p_b)</pre>
   *
   * with natural logarithms, each share equal to 0 replaced by {@link #PSI_EMPTY_BIN} (a bin empty
   * on both sides then adds 0). Symmetric, 0 for equal shares, unbounded.
   */
  static double psi(double[] p, double[] q) {
    check(p, q);
    double psi = 0;
    for (int b = 0; b < p.length; b++) {
      double pb = p[b] == 0 ? PSI_EMPTY_BIN : p[b];
      double qb = q[b] == 0 ? PSI_EMPTY_BIN : q[b];
      psi += (qb - pb) * Math.log(qb / pb);
    }
    return psi;
  }

  /**
   * Jensen-Shannon distance (Lin, "Divergence measures based on the Shannon entropy", IEEE Trans.
   * Inf. Theory 37(1), 1991; a metric as Endres and Schindelin showed, IEEE Trans. Inf. Theory
   * 49(7), 2003), with base-2 logarithms so that it lies in [0, 1]:
   *
   * <pre>
   *   M   = (P + Q) / 2
   *   JSD = KL(P || M) / 2 + KL(Q || M) / 2,   KL(A || B) = sum_b a_b * log2(a_b / b_b), 0 * log 0 = 0
   *   JS distance = sqrt(JSD)
   * </pre>
   *
   * as {@code scipy.spatial.distance.jensenshannon(p, q, base=2)}. Empty bins need no smoothing.
   */
  static double jensenShannonDistance(double[] p, double[] q) {
    check(p, q);
    double divergence = 0;
    for (int b = 0; b < p.length; b++) {
      double m = (p[b] + q[b]) / 2;
      if (p[b] > 0) {
        divergence += p[b] * log2(p[b] / m) / 2;
      }
      if (q[b] > 0) {
        divergence += q[b] * log2(q[b] / m) / 2;
      }
    }
    // Rounding can leave a tiny negative divergence, or one a hair above 1, for (near) equal or disjoint shares.
    return Math.sqrt(Math.min(1, Math.max(0, divergence)));
  }

  /**
   * L-infinity distance between the category shares, as TensorFlow Data Validation's drift and
   * skew comparator for categorical features: {@code max_b |p_b - q_b|}, in [0, 1].
   */
  static double lInfinity(double[] p, double[] q) {
    check(p, q);
    double max = 0;
    for (int b = 0; b < p.length; b++) {
      max = Math.max(max, Math.abs(p[b] - q[b]));
    }
    return max;
  }

  /**
   * Two-sample Kolmogorov-Smirnov statistic of the finite values (Smirnov, 1948): {@code D = sup_x
   * |F_P(x) - F_Q(x)|}, with {@code F(x)} the share of values at most {@code x}; the supremum is
   * reached at a value of either side, so both step functions are walked over the union of their
   * values. DataSketches' {@code KolmogorovSmirnov.computeKSDelta} is not used: it compares the two
   * functions at different points ({1} against {2} gives 0). Empty when a side has no finite value.
   */
  static OptionalDouble kolmogorovSmirnov(NumericProfile p, NumericProfile q) {
    if (p.finite() == 0 || q.finite() == 0) {
      return OptionalDouble.empty();
    }
    Walk walk = new Walk(p.sortedView(), q.sortedView());
    double d = 0;
    while (walk.next()) {
      d = Math.max(d, Math.abs(walk.fp - walk.fq));
    }
    return OptionalDouble.of(d);
  }

  /**
   * Wasserstein-1 (earth mover's) distance of the finite values, {@code W1 = integral |F_P(x) -
   * F_Q(x)| dx} (Vallender, Theory Probab. Appl. 18(4), 1974; {@code
   * scipy.stats.wasserstein_distance}), summed exactly over the steps of both distribution
   * functions. Empty when a side has no finite value.
   */
  static OptionalDouble wasserstein(NumericProfile p, NumericProfile q) {
    if (p.finite() == 0 || q.finite() == 0) {
      return OptionalDouble.empty();
    }
    Walk walk = new Walk(p.sortedView(), q.sortedView());
    double w = 0;
    boolean started = false;
    double x = 0;
    double gap = 0;
    while (walk.next()) {
      if (started) {
        w += gap * (walk.x - x);
      }
      started = true;
      x = walk.x;
      gap = Math.abs(walk.fp - walk.fq);
    }
    return OptionalDouble.of(w);
  }

  /**
   * {@link #wasserstein} divided by the reference's standard deviation (population, divisor n), as
   * Evidently's "Wasserstein distance (normed)": a shift of the whole distribution by one standard
   * deviation scores 1, whatever the feature's unit. The standard deviation rather than the
   * interquartile range: it is exact (the IQR would come from the sketch) and is 0 only for a
   * constant reference, where the IQR is 0 for any column that is constant on half its rows. Empty
   * when undefined: a side without finite values, or a constant reference and a current side that
   * differs from it (0 when both are the same constant).
   */
  static OptionalDouble normalizedWasserstein(NumericProfile p, NumericProfile q) {
    OptionalDouble w = wasserstein(p, q);
    if (w.isEmpty()) {
      return w;
    }
    double sd = p.standardDeviation();
    if (sd > 0) {
      return OptionalDouble.of(w.getAsDouble() / sd);
    }
    return w.getAsDouble() == 0 ? OptionalDouble.of(0) : OptionalDouble.empty();
  }

  /**
   * Change of the share of rows without a comparable value (null, or NaN for floats): {@code
   * missing_Q / rows_Q - missing_P / rows_P}, signed (positive: more missing values now); judged
   * by its absolute value.
   */
  static double nullRateChange(ColumnProfile p, ColumnProfile q) {
    return share(q.missing(), q.rows()) - share(p.missing(), p.rows());
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static void check(double[] p, double[] q) {
    if (p.length != q.length) {
      throw new IllegalArgumentException("shares of " + p.length + " and " + q.length + " bins");
    }
  }

  /**
   * Walks the distinct values of two sorted views in increasing order, with both distribution
   * functions at each (the share of each side's values at most it).
   */
  private static final class Walk {
    private final double[] pValues;
    private final long[] pWeights;
    private final double pTotal;
    private final double[] qValues;
    private final long[] qWeights;
    private final double qTotal;
    private int i;
    private int j;
    double x;
    double fp;
    double fq;

    Walk(DoublesSortedView p, DoublesSortedView q) {
      pValues = p.getQuantiles();
      pWeights = p.getCumulativeWeights();
      pTotal = p.getN();
      qValues = q.getQuantiles();
      qWeights = q.getCumulativeWeights();
      qTotal = q.getN();
    }

    /** Moves to the next distinct value; false past the last. */
    boolean next() {
      if (i >= pValues.length && j >= qValues.length) {
        return false;
      }
      x = i >= pValues.length ? qValues[j] : j >= qValues.length ? pValues[i] : Math.min(pValues[i], qValues[j]);
      // Cumulative weights include their own entry; consume every entry equal to x on each side.
      while (i < pValues.length && pValues[i] == x) {
        fp = pWeights[i++] / pTotal;
      }
      while (j < qValues.length && qValues[j] == x) {
        fq = qWeights[j++] / qTotal;
      }
      return true;
    }
  }
}
