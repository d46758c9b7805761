package dev.parity.offline.features;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Statistics of one feature column of a training set, for the metadata store and skew checks.
 * Serializes with Jackson as a JSON object whose field names are the record components below
 * (stable: renaming one is a breaking change); absent parts are left out.
 *
 * <p>Exactness: {@code count}, {@code nulls}, boolean counts and every field of {@link Numeric}
 * but {@code quantiles} and {@code histogram} are exact. Quantiles and the histogram are computed
 * over a uniform reservoir sample of at most {@value #SAMPLE_SIZE} finite values (fixed seed, so
 * a run is reproducible): exact when the column has no more finite values than that. String
 * distinct counts and top values are exact up to {@value #EXACT_DISTINCT} distinct values, then
 * estimated (HyperLogLog, 2^14 registers, about 1% error; Space-Saving top values with counts
 * that may over-count), as the {@code exact} flags say.
 *
 * @param feature {@code view:feature}
 * @param column the column name in the output file
 * @param type the feature's type: {@code bool int64 float64 string timestamp}
 * @param count rows
 * @param nulls rows where the value is null
 * @param numeric for int64, float64 and timestamp (UTC microseconds) features; else absent
 * @param booleans for bool features; else absent
 * @param strings for string features; else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureStatistics(
    String feature, String column, String type, long count, long nulls,
    Numeric numeric, Booleans booleans, Strings strings) {
  /** Most finite values kept for quantiles and the histogram. */
  public static final int SAMPLE_SIZE = 100_000;
  /** Most distinct strings counted exactly. */
  public static final int EXACT_DISTINCT = 100_000;
  /** Bins of the histogram. */
  public static final int HISTOGRAM_BINS = 20;
  /** Most top string values reported. */
  public static final int TOP_VALUES = 20;

  public FeatureStatistics {
    requireNonNull(feature, "feature is null");
    requireNonNull(column, "column is null");
    requireNonNull(type, "type is null");
  }

  /**
   * Numbers (timestamps as UTC microseconds). {@code min}, {@code max}, {@code mean} and {@code
   * stddev} are over finite values (NaN and infinities are counted apart) and null when there is
   * none ({@code stddev}: fewer than two); {@code stddev} is the sample standard deviation (n - 1).
   *
   * @param sampleSize finite values in the sample quantiles and histogram are computed from
   * @param quantiles linear interpolation between closest ranks of the sorted sample (DuckDB's
   *     {@code quantile_cont}); null when there is no finite value
   * @param histogram null when there is no finite value
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Numeric(
      Double min, Double max, Double mean, Double stddev,
      long nan, long positiveInfinity, long negativeInfinity,
      long sampleSize, Quantiles quantiles, Histogram histogram) {}

  /** The 1st, 5th, 25th, 50th, 75th, 95th and 99th percentiles. */
  public record Quantiles(double p1, double p5, double p25, double p50, double p75, double p95, double p99) {}

  /**
   * Equal-width bins over {@code [min, max]} of the sampled finite values: bin {@code i} holds
   * values in {@code [min + i * w, min + (i + 1) * w)}, the last bin also {@code max}. One bin when
   * {@code min == max}. Counts add up to the sample size.
   */
  public record Histogram(double min, double max, List<Long> counts) {
    public Histogram {
      counts = List.copyOf(counts);
    }
  }

  /** Counts of true and false values. */
  public record Booleans(long trueCount, long falseCount) {}

  /**
   * @param distinct number of distinct non-null values (estimated when {@code distinctExact} is
   *     false)
   * @param top the most frequent values, most frequent first (ties by value), at most {@value
   *     FeatureStatistics#TOP_VALUES}
   * @param exact whether {@code distinct} and the counts of {@code top} are exact
   */
  public record Strings(long distinct, List<ValueCount> top, boolean exact) {
    public Strings {
      top = List.copyOf(top);
    }
  }

  /** A value and how many rows hold it. */
  public record ValueCount(String value, long count) {}
}
