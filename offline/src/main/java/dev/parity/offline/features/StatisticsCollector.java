package dev.parity.offline.features;

import dev.parity.definitions.DataType;
import dev.parity.offline.features.FeatureStatistics.Booleans;
import dev.parity.offline.features.FeatureStatistics.Histogram;
import dev.parity.offline.features.FeatureStatistics.Numeric;
import dev.parity.offline.features.FeatureStatistics.Quantiles;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Accumulates {@link FeatureStatistics} of one column over Arrow batches in bounded memory: a
 * reservoir sample (Algorithm L, fixed seed: random draws per value taken, not per value seen)
 * for quantiles and the histogram, Welford's method for mean and deviation, {@link
 * StringCounter} for strings. Not thread-safe.
 *
 * <p>Collectors of consecutive parts of a column (the partitions of a distributed write) merge
 * ({@link #merge}): counts, extremes, boolean counts and exact string counts add up to those of
 * one collector fed every part; mean and deviation are combined with Chan et al.'s formulas (equal
 * up to rounding); samples are concatenated while they hold every value, and otherwise drawn
 * from without replacement in proportion to the values each part saw (still a uniform sample).
 * Serializable, the sample written only as far as it is filled, for such merges.
 */
final class StatisticsCollector implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long SEED = 0x5EEDL;

  private final String feature;
  private final String column;
  private final DataType type;
  private long count;
  private long nulls;
  // numbers
  private long finite;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double mean;
  private double m2;
  private long nan;
  private long positiveInfinity;
  private long negativeInfinity;
  private transient double[] sample;
  // Not serializable: a collector is fed where it was made; a deserialized one is only merged.
  private transient SplittableRandom random = new SplittableRandom(SEED);
  /** Algorithm L's state once the sample is full: its weight, and the count of the next value it takes. */
  private double weight;
  private long nextPick;
  // booleans
  private long trues;
  private long falses;
  // strings
  private final StringCounter strings;

  StatisticsCollector(String feature, String column, DataType type) {
    this.feature = feature;
    this.column = column;
    this.type = type;
    boolean numeric = type == DataType.INT64 || type == DataType.FLOAT64 || type == DataType.TIMESTAMP;
    this.sample = numeric ? new double[FeatureStatistics.SAMPLE_SIZE] : null;
    this.strings = type == DataType.STRING ? new StringCounter() : null;
  }

  /** Adds rows {@code [0, n)} of {@code vector}, which has this column's type. */
  void add(FieldVector vector, int n) {
    count += n;
    for (int i = 0; i < n; i++) {
      if (vector.isNull(i)) {
        nulls++;
        continue;
      }
      switch (type) {
        case BOOL -> {
          if (((BitVector) vector).get(i) != 0) {
            trues++;
          } else {
            falses++;
          }
        }
        case INT64 -> addNumber(((BigIntVector) vector).get(i));
        case TIMESTAMP -> addNumber(((TimeStampMicroTZVector) vector).get(i));
        case FLOAT64 -> addNumber(((Float8Vector) vector).get(i));
        case STRING -> strings.add(new String(((VarCharVector) vector).get(i), StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * Adds {@code n} rows of an int64, timestamp or float64 column of which the {@code defined}
   * values {@code words[0 .. defined)} are not null, in row order ({@code words} are the values,
   * or the doubles' bits): the same as {@link #add} over a vector of those rows, whatever the
   * nulls' places.
   */
  void addDefinedWords(long[] words, int defined, int n) {
    count += n;
    nulls += n - defined;
    if (type == DataType.FLOAT64) {
      for (int i = 0; i < defined; i++) {
        addNumber(Double.longBitsToDouble(words[i]));
      }
    } else if (type == DataType.INT64 || type == DataType.TIMESTAMP) {
      for (int i = 0; i < defined; i++) {
        addNumber(words[i]);
      }
    } else {
      throw new IllegalStateException("not a 64-bit column: " + column + " " + type);
    }
  }

  /**
   * Adds one row: {@code value} as the row path represents it ({@code Long} for int64 and
   * timestamps in UTC microseconds, {@code Double}, {@code String}, {@code Boolean}), or null.
   */
  void addValue(Object value) {
    if (value == null) {
      count++;
      nulls++;
      return;
    }
    switch (type) {
      case BOOL -> addBoolean((Boolean) value);
      case STRING -> addString((String) value);
      case INT64, TIMESTAMP -> {
        count++;
        addNumber((Long) value);
      }
      case FLOAT64 -> {
        count++;
        addNumber((Double) value);
      }
    }
  }

  /**
   * Adds what {@code later} collected from the rows after this one's, as if this collector had been
   * fed them too (see the class comment for what is exact). {@code later} is not changed; this
   * collector is then only merged further or read.
   *
   * @throws IllegalArgumentException if {@code later} is of another column
   */
  void merge(StatisticsCollector later) {
    if (!later.column.equals(column) || later.type != type) {
      throw new IllegalArgumentException("cannot merge statistics of " + later.column + " into " + column);
    }
    count += later.count;
    nulls += later.nulls;
    trues += later.trues;
    falses += later.falses;
    nan += later.nan;
    positiveInfinity += later.positiveInfinity;
    negativeInfinity += later.negativeInfinity;
    if (strings != null) {
      strings.merge(later.strings);
    }
    if (sample == null || later.finite == 0) {
      return;
    }
    long total = finite + later.finite;
    double delta = later.mean - mean;
    double[] merged = new double[sample.length];
    int mine = (int) Math.min(finite, sample.length);
    int theirs = (int) Math.min(later.finite, sample.length);
    if (total <= sample.length) {
      System.arraycopy(sample, 0, merged, 0, mine);
      System.arraycopy(later.sample, 0, merged, mine, theirs);
    } else {
      // Each slot from this part or the later one with the odds of a uniform draw without
      // replacement from all the values: remaining values of the part over remaining values.
      SplittableRandom draws = new SplittableRandom(SEED ^ total);
      double[] a = java.util.Arrays.copyOf(sample, mine);
      double[] b = java.util.Arrays.copyOf(later.sample, theirs);
      long leftA = finite;
      long leftB = later.finite;
      int takenA = 0;
      int takenB = 0;
      for (int i = 0; i < merged.length; i++) {
        boolean fromA = draws.nextLong(leftA + leftB) < leftA;
        double[] from = fromA ? a : b;
        int taken = fromA ? takenA++ : takenB++;
        int pick = taken + draws.nextInt(from.length - taken);
        double value = from[pick];
        from[pick] = from[taken];
        from[taken] = value;
        merged[i] = value;
        if (fromA) {
          leftA--;
        } else {
          leftB--;
        }
      }
    }
    mean = finite == 0 ? later.mean : mean + delta * later.finite / total;
    m2 = m2 + later.m2 + delta * delta * ((double) finite * later.finite / total);
    min = Math.min(min, later.min);
    max = Math.max(max, later.max);
    finite = total;
    sample = merged;
    if (random == null) {
      random = new SplittableRandom(SEED ^ total);
    }
    if (finite >= sample.length) {
      weight = Math.exp(Math.log(uniform()) / sample.length);
      nextPick = finite + skip();
    }
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    int size = sample == null ? -1 : (int) Math.min(finite, sample.length);
    out.writeInt(size);
    for (int i = 0; i < size; i++) {
      out.writeDouble(sample[i]);
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    int size = in.readInt();
    if (size >= 0) {
      sample = new double[FeatureStatistics.SAMPLE_SIZE];
      for (int i = 0; i < size; i++) {
        sample[i] = in.readDouble();
      }
    }
  }

  /** Adds one row of a string column: {@code value}, or a null if it is null. */
  void addString(String value) {
    count++;
    if (value == null) {
      nulls++;
    } else {
      strings.add(value);
    }
  }

  /** Adds one row of a bool column: {@code value}, or a null if it is null. */
  void addBoolean(Boolean value) {
    count++;
    if (value == null) {
      nulls++;
    } else if (value) {
      trues++;
    } else {
      falses++;
    }
  }

  /** The column these statistics are of. */
  String column() {
    return column;
  }

  /** Its type. */
  DataType type() {
    return type;
  }

  private void addNumber(double value) {
    if (Double.isNaN(value)) {
      nan++;
      return;
    }
    if (Double.isInfinite(value)) {
      if (value > 0) {
        positiveInfinity++;
      } else {
        negativeInfinity++;
      }
      return;
    }
    finite++;
    min = Math.min(min, value);
    max = Math.max(max, value);
    double delta = value - mean;
    mean += delta / finite;
    m2 += delta * (value - mean);
    if (finite <= sample.length) {
      sample[(int) (finite - 1)] = value;
      if (finite == sample.length) {
        weight = Math.exp(Math.log(uniform()) / sample.length);
        nextPick = finite + skip();
      }
    } else if (finite == nextPick) {
      sample[random.nextInt(sample.length)] = value;
      weight *= Math.exp(Math.log(uniform()) / sample.length);
      nextPick += skip();
    }
  }

  /** How many values Algorithm L passes over before the next one it takes, plus one. */
  private long skip() {
    double skipped = Math.floor(Math.log(uniform()) / Math.log1p(-weight));
    return skipped < 1e15 ? (long) skipped + 1 : Long.MAX_VALUE / 2;
  }

  /** Uniform in (0, 1]: logarithms stay finite. */
  private double uniform() {
    return 1.0 - random.nextDouble();
  }

  FeatureStatistics result() {
    Numeric numeric = null;
    if (sample != null) {
      int size = (int) Math.min(finite, sample.length);
      double[] sorted = Arrays.copyOf(sample, size);
      Arrays.sort(sorted);
      numeric = new Numeric(
          finite == 0 ? null : min,
          finite == 0 ? null : max,
          finite == 0 ? null : mean,
          finite < 2 ? null : Math.sqrt(m2 / (finite - 1)),
          nan, positiveInfinity, negativeInfinity, size,
          size == 0 ? null : new Quantiles(quantile(sorted, 0.01), quantile(sorted, 0.05), quantile(sorted, 0.25),
              quantile(sorted, 0.5), quantile(sorted, 0.75), quantile(sorted, 0.95), quantile(sorted, 0.99)),
          size == 0 ? null : histogram(sorted));
    }
    return new FeatureStatistics(feature, column, type.yamlName(), count, nulls, numeric,
        type == DataType.BOOL ? new Booleans(trues, falses) : null,
        strings == null ? null : strings.result(FeatureStatistics.TOP_VALUES));
  }

  /** DuckDB's {@code quantile_cont}: linear interpolation at position {@code q * (n - 1)}. */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, sorted.length - 1);
    double fraction = position - lower;
    return fraction == 0 ? sorted[lower] : sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
  }

  private Histogram histogram(double[] sorted) {
    if (min == max) {
      return new Histogram(min, max, List.of((long) sorted.length));
    }
    long[] bins = new long[FeatureStatistics.HISTOGRAM_BINS];
    double width = (max - min) / bins.length;
    for (double v : sorted) {
      int bin = (int) ((v - min) / width);
      bins[Math.max(0, Math.min(bin, bins.length - 1))]++;
    }
    List<Long> counts = new ArrayList<>();
    for (long b : bins) {
      counts.add(b);
    }
    return new Histogram(min, max, counts);
  }
}
