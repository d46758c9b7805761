package dev.parity.reports.skew;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A distribution skew report: every feature of a service compared between a reference and a
 * current data set, with every statistic's value whether it passes or not. Serializes with Jackson
 * (see {@link SkewReportJson}); field names are the record components (stable). Immutable.
 *
 * @param service the feature service compared
 * @param createdAt when the report was made (ISO-8601 UTC)
 * @param reference the data set the bins come from
 * @param current the data set compared with it
 * @param verdict {@code FAIL} if any feature fails
 * @param failedFeatures how many features fail
 * @param settings how the statistics were computed
 * @param features one per feature, most severe first (then by name)
 */
public record SkewReport(
    String service,
    String createdAt,
    Dataset reference,
    Dataset current,
    Verdict verdict,
    int failedFeatures,
    Settings settings,
    List<FeatureSkew> features) {

  public SkewReport {
    requireNonNull(service, "service is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(reference, "reference is null");
    requireNonNull(current, "current is null");
    requireNonNull(verdict, "verdict is null");
    requireNonNull(settings, "settings is null");
    features = List.copyOf(features);
  }

  /** Pass or fail, of a statistic, a feature or the report. */
  public enum Verdict {
    PASS,
    FAIL
  }

  /**
   * One side of the comparison.
   *
   * @param description what was read (files, a training set, a time range of the serving log)
   * @param rows rows read
   */
  public record Dataset(String description, long rows) {
    public Dataset {
      requireNonNull(description, "description is null");
    }
  }

  /**
   * @param numericBins quantile bins of numeric features (before ties merge them)
   * @param topCategories most frequent reference categories kept apart, the rest being "other"
   * @param psiEmptyBin the share an empty bin counts as in PSI
   * @param quantileSketchK the KLL sketches' k
   * @param quantileRankError the KLL sketches' normalized rank error once estimating (exact below
   *     about k values)
   */
  public record Settings(int numericBins, int topCategories, double psiEmptyBin, int quantileSketchK,
      double quantileRankError) {}

  /**
   * The comparison of one feature.
   *
   * @param feature {@code view:feature}
   * @param column the column read on both sides
   * @param type {@code int64 float64 timestamp string bool}
   * @param kind {@code numeric} or {@code categorical}
   * @param verdict {@code FAIL} if any judged statistic fails
   * @param severity the largest value-to-threshold ratio among judged statistics (above 1 fails;
   *     a threshold of 0 counts a positive value as 1000)
   * @param exact whether both sides' summaries are exact (small inputs); else within the
   *     sketches' error
   * @param statistics every statistic of the feature's kind, judged or not
   * @param reference summary of the reference side
   * @param current summary of the current side
   * @param bins the reference's bins with both sides' shares
   */
  public record FeatureSkew(
      String feature,
      String column,
      String type,
      String kind,
      Verdict verdict,
      double severity,
      boolean exact,
      List<Statistic> statistics,
      Summary reference,
      Summary current,
      List<Bin> bins) {
    public FeatureSkew {
      requireNonNull(feature, "feature is null");
      requireNonNull(column, "column is null");
      requireNonNull(verdict, "verdict is null");
      statistics = List.copyOf(statistics);
      requireNonNull(reference, "reference is null");
      requireNonNull(current, "current is null");
      bins = List.copyOf(bins);
    }
  }

  /**
   * One statistic of one feature.
   *
   * @param name {@code psi js linf ks wasserstein null_rate}, as in {@code monitoring:} blocks
   * @param value null when undefined (see {@code note})
   * @param threshold null when the statistic is reported but not judged
   * @param verdict null when not judged (no threshold, or no value); else whether {@code |value|
   *     <= threshold}
   * @param note why the value is missing, when it is
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Statistic(String name, Double value, Double threshold, Verdict verdict, String note) {
    public Statistic {
      requireNonNull(name, "name is null");
    }
  }

  /**
   * One side's counts for one feature. Numbers are over finite values; timestamps in UTC
   * microseconds; absent for categorical features or without finite values.
   *
   * @param rows rows read
   * @param missing rows that are null (or NaN)
   * @param missingRate {@code missing / rows}
   * @param distinctCategories categories seen (categorical; a lower bound once inexact)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Summary(long rows, long missing, double missingRate, Double min, Double max, Double mean,
      Double standardDeviation, Integer distinctCategories) {}

  /**
   * One bin, with the share of each side's rows in it.
   *
   * @param label readable: {@code [0.1, 0.25)}, a category, {@code other}, {@code missing}
   * @param kind {@code below range above any category other missing}
   */
  public record Bin(String label, String kind, double reference, double current) {
    public Bin {
      requireNonNull(label, "label is null");
      requireNonNull(kind, "kind is null");
    }
  }
}
