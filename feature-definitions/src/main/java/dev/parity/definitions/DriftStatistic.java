package dev.parity.definitions;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A statistic of distribution skew between a reference and a current data set, as named in a
 * {@code monitoring:} block. Numeric features ({@code int64 float64 timestamp}) are judged on
 * quantile bins and their distribution functions, categorical ones ({@code string bool}) on their
 * categories; the null rate applies to both. The formulas are in the skew report's code
 * ({@code dev.parity.reports.skew.SkewStatistics}).
 */
public enum DriftStatistic {
  /** Population stability index over the reference's bins; unbounded. Default threshold 0.2. */
  PSI("psi", 0.2, Double.POSITIVE_INFINITY, true, false),
  /** Jensen-Shannon distance (base 2) over the reference's bins, in [0, 1]. Default 0.1. */
  JS("js", 0.1, 1, true, false),
  /** Largest difference of a category's share (L-infinity), in [0, 1]. Default 0.1. */
  LINF("linf", 0.1, 1, false, true),
  /** Kolmogorov-Smirnov statistic, in [0, 1]; no default threshold. */
  KS("ks", Double.NaN, 1, true, false),
  /** Wasserstein-1 distance over the reference's standard deviation; unbounded; no default. */
  WASSERSTEIN("wasserstein", Double.NaN, Double.POSITIVE_INFINITY, true, false),
  /** Absolute change of the share of missing values, in [0, 1]; no default. */
  NULL_RATE("null_rate", Double.NaN, 1, true, true);

  private final String yamlName;
  private final double defaultThreshold;
  private final double upperBound;
  private final boolean numeric;
  private final boolean categorical;

  DriftStatistic(String yamlName, double defaultThreshold, double upperBound, boolean numeric, boolean categorical) {
    this.yamlName = yamlName;
    this.defaultThreshold = defaultThreshold;
    this.upperBound = upperBound;
    this.numeric = numeric;
    this.categorical = categorical;
  }

  /** The key in a {@code monitoring:} block. */
  public String yamlName() {
    return yamlName;
  }

  /** The threshold used when no definition sets one; empty: the statistic is reported, not judged. */
  public OptionalDouble defaultThreshold() {
    return Double.isNaN(defaultThreshold) ? OptionalDouble.empty() : OptionalDouble.of(defaultThreshold);
  }

  /** The largest value the statistic can take (and so the largest meaningful threshold). */
  public double upperBound() {
    return upperBound;
  }

  /** Whether the statistic is computed for features of {@code type}. */
  public boolean appliesTo(DataType type) {
    return isCategorical(type) ? categorical : numeric;
  }

  /** Whether features of {@code type} are compared by category ({@code string}, {@code bool}). */
  public static boolean isCategorical(DataType type) {
    return type == DataType.STRING || type == DataType.BOOL;
  }

  /** The statistic named {@code name} in a definition, if any. */
  public static Optional<DriftStatistic> fromYamlName(String name) {
    return Arrays.stream(values()).filter(s -> s.yamlName.equals(name)).findFirst();
  }
}
