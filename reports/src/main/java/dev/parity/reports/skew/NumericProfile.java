package dev.parity.reports.skew;

import dev.parity.definitions.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Profile of an int64, float64 or timestamp column (timestamps as UTC microseconds; values as
 * doubles, exact up to 2^53). Finite values go into a KLL quantile sketch (Karnin, Lang and
 * Liberty, "Optimal Quantile Approximation in Streams", FOCS 2016; Apache DataSketches), exact
 * until it holds more than about {@code k} values and then within a normalized rank error of
 * {@link KllDoublesSketch#getNormalizedRankError}; their count, mean and second central moment
 * are exact (Welford's update per batch, merged with Chan, Golub and LeVeque's formula).
 * Nulls, NaN and infinities are counted apart. The sketch's compactions are deterministic
 * ({@link KllCoins}): the same values in the same order give the same profile.
 */
final class NumericProfile implements ColumnProfile {
  private final DataType type;
  private final KllDoublesSketch sketch;
  private long rows;
  private long nulls;
  private long nan;
  private long negativeInfinity;
  private long positiveInfinity;
  private long finite;
  private double mean;
  private double m2;
  private double[] scratch = new double[0];

  NumericProfile(DataType type, int k) {
    if (type != DataType.INT64 && type != DataType.FLOAT64 && type != DataType.TIMESTAMP) {
      throw new IllegalArgumentException("not a numeric type: " + type);
    }
    this.type = type;
    this.sketch = KllDoublesSketch.newHeapInstance(k);
  }

  @Override
  public void add(FieldVector vector, int n, int[] selected) {
    // Performance core: reads the vector's buffers directly, once per value.
    if (scratch.length < n) {
      scratch = new double[n];
    }
    ArrowBuf data = ((BaseFixedWidthVector) vector).getDataBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    boolean noNulls = vector.getNullCount() == 0;
    int count = 0;
    rows += n;
    if (type == DataType.FLOAT64) {
      for (int i = 0; i < n; i++) {
        int row = selected == null ? i : selected[i];
        if (!noNulls && BitVectorHelper.get(validity, row) == 0) {
          nulls++;
          continue;
        }
        double value = data.getDouble((long) row * Double.BYTES);
        if (Double.isFinite(value)) {
          scratch[count++] = value;
        } else if (Double.isNaN(value)) {
          nan++;
        } else if (value > 0) {
          positiveInfinity++;
        } else {
          negativeInfinity++;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        int row = selected == null ? i : selected[i];
        if (!noNulls && BitVectorHelper.get(validity, row) == 0) {
          nulls++;
          continue;
        }
        scratch[count++] = data.getLong((long) row * Long.BYTES);
      }
    }
    addFinite(scratch, count);
  }

  /** Adds {@code count} finite values. */
  void addFinite(double[] values, int count) {
    if (count == 0) {
      return;
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += values[i];
    }
    double batchMean = sum / count;
    double batchM2 = 0;
    for (int i = 0; i < count; i++) {
      double d = values[i] - batchMean;
      batchM2 += d * d;
    }
    combine(count, batchMean, batchM2);
    KllCoins.update(sketch, values, count);
  }

  /** Chan, Golub and LeVeque (1979): the moments of the union of two sets of values. */
  private void combine(long n, double otherMean, double otherM2) {
    long total = finite + n;
    double delta = otherMean - mean;
    mean += delta * n / total;
    m2 += otherM2 + delta * delta * ((double) finite * n / total);
    finite = total;
  }

  @Override
  public void merge(ColumnProfile other) {
    NumericProfile o = (NumericProfile) other;
    rows += o.rows;
    nulls += o.nulls;
    nan += o.nan;
    negativeInfinity += o.negativeInfinity;
    positiveInfinity += o.positiveInfinity;
    if (o.finite > 0) {
      combine(o.finite, o.mean, o.m2);
      KllCoins.merge(sketch, o.sketch);
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  long nulls() {
    return nulls;
  }

  long nan() {
    return nan;
  }

  @Override
  public long missing() {
    return nulls + nan;
  }

  long negativeInfinity() {
    return negativeInfinity;
  }

  long positiveInfinity() {
    return positiveInfinity;
  }

  /** Finite values seen. */
  long finite() {
    return finite;
  }

  /** Mean of the finite values (0 without any). */
  double mean() {
    return mean;
  }

  /** Population standard deviation (divisor n) of the finite values (0 with fewer than two). */
  double standardDeviation() {
    return finite < 2 ? 0 : Math.sqrt(Math.max(0, m2 / finite));
  }

  double min() {
    return sketch.getMinItem();
  }

  double max() {
    return sketch.getMaxItem();
  }

  /** Fraction of the finite values below {@code x} (strictly, or at most {@code x} if {@code inclusive}). */
  double rank(double x, boolean inclusive) {
    return sketch.getRank(x, inclusive ? QuantileSearchCriteria.INCLUSIVE : QuantileSearchCriteria.EXCLUSIVE);
  }

  /** The smallest retained value whose inclusive rank is at least {@code rank}. */
  double quantile(double rank) {
    return sketch.getQuantile(rank, QuantileSearchCriteria.INCLUSIVE);
  }

  /** The finite values as the sketch holds them: sorted, each with its cumulative weight. */
  DoublesSortedView sortedView() {
    return sketch.getSortedView();
  }

  /** Largest error of {@link #rank} as a fraction of the finite values (0 while exact). */
  double rankError() {
    return sketch.isEstimationMode() ? sketch.getNormalizedRankError(false) : 0;
  }

  @Override
  public boolean exact() {
    return !sketch.isEstimationMode();
  }
}
