package dev.parity.reports.skew;

import dev.parity.definitions.DataType;
import dev.parity.definitions.DriftStatistic;
import dev.parity.definitions.Thresholds;
import dev.parity.offline.parquet.write.Timestamps;
import dev.parity.reports.skew.SkewReport.Bin;
import dev.parity.reports.skew.SkewReport.FeatureSkew;
import dev.parity.reports.skew.SkewReport.Statistic;
import dev.parity.reports.skew.SkewReport.Summary;
import dev.parity.reports.skew.SkewReport.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;

/** Compares one feature's two profiles: bins from the reference, every statistic, the verdict. */
final class FeatureComparison {
  /** The ratio a positive value counts as against a threshold of 0, for severity. */
  private static final double ZERO_THRESHOLD_RATIO = 1000;

  private FeatureComparison() {}

  static FeatureSkew compare(String feature, String column, DataType type, ColumnProfile reference, ColumnProfile current,
      Thresholds thresholds, SkewOptions options) {
    List<Statistic> statistics = new ArrayList<>();
    List<Bin> bins = new ArrayList<>();
    boolean categorical = DriftStatistic.isCategorical(type);
    if (categorical) {
      CategoricalProfile p = (CategoricalProfile) reference;
      CategoricalProfile q = (CategoricalProfile) current;
      CategoricalBins binning = CategoricalBins.of(p, options.topCategories());
      double[] ps = binning.shares(p);
      double[] qs = binning.shares(q);
      List<String> labels = binning.labels();
      for (int b = 0; b < labels.size(); b++) {
        String kind = b < binning.categories().size() ? "category" : b == labels.size() - 1 ? "missing" : "other";
        bins.add(new Bin(labels.get(b), kind, ps[b], qs[b]));
      }
      statistics.add(judge(DriftStatistic.LINF, OptionalDouble.of(SkewStatistics.lInfinity(ps, qs)), thresholds, null));
    } else {
      NumericProfile p = (NumericProfile) reference;
      NumericProfile q = (NumericProfile) current;
      NumericBins binning = NumericBins.of(p, options.numericBins());
      double[] ps = binning.shares(p);
      double[] qs = binning.shares(q);
      List<String> labels = binning.labels(formatter(type));
      for (int b = 0; b < labels.size(); b++) {
        bins.add(new Bin(labels.get(b), numericKind(b, labels.size()), ps[b], qs[b]));
      }
      String noValues = p.finite() == 0 || q.finite() == 0
          ? "undefined: the " + (p.finite() == 0 ? "reference" : "current") + " side has no finite value" : null;
      statistics.add(judge(DriftStatistic.PSI, OptionalDouble.of(SkewStatistics.psi(ps, qs)), thresholds, null));
      statistics.add(judge(DriftStatistic.JS, OptionalDouble.of(SkewStatistics.jensenShannonDistance(ps, qs)), thresholds, null));
      statistics.add(judge(DriftStatistic.KS, SkewStatistics.kolmogorovSmirnov(p, q), thresholds, noValues));
      OptionalDouble wasserstein = SkewStatistics.normalizedWasserstein(p, q);
      statistics.add(judge(DriftStatistic.WASSERSTEIN, wasserstein, thresholds, noValues != null ? noValues
          : wasserstein.isEmpty() ? "undefined: the reference is constant and the current side differs from it" : null));
    }
    statistics.add(judge(DriftStatistic.NULL_RATE, OptionalDouble.of(SkewStatistics.nullRateChange(reference, current)),
        thresholds, null));
    boolean failed = statistics.stream().anyMatch(s -> s.verdict() == Verdict.FAIL);
    double severity = 0;
    for (Statistic s : statistics) {
      if (s.verdict() != null) {
        double value = Math.abs(s.value());
        double ratio = s.threshold() > 0 ? value / s.threshold() : value > 0 ? ZERO_THRESHOLD_RATIO : 0;
        severity = Math.max(severity, ratio);
      }
    }
    return new FeatureSkew(feature, column, type.yamlName(), categorical ? "categorical" : "numeric",
        failed ? Verdict.FAIL : Verdict.PASS, severity, reference.exact() && current.exact(), statistics,
        summary(reference), summary(current), bins);
  }

  private static Statistic judge(DriftStatistic statistic, OptionalDouble value, Thresholds thresholds, String note) {
    OptionalDouble threshold = thresholds.get(statistic);
    Double v = value.isPresent() ? value.getAsDouble() : null;
    Double t = threshold.isPresent() ? threshold.getAsDouble() : null;
    Verdict verdict = v == null || t == null ? null : Math.abs(v) <= t ? Verdict.PASS : Verdict.FAIL;
    return new Statistic(statistic.yamlName(), v, t, verdict, v == null ? note : null);
  }

  private static String numericKind(int bin, int size) {
    if (size == 2) {
      return bin == 0 ? "any" : "missing";
    }
    return bin == 0 ? "below" : bin == size - 1 ? "missing" : bin == size - 2 ? "above" : "range";
  }

  private static DoubleFunction<String> formatter(DataType type) {
    if (type == DataType.TIMESTAMP) {
      return micros -> Timestamps.fromMicros((long) micros).toString();
    }
    return NumericBins::formatNumber;
  }

  private static Summary summary(ColumnProfile profile) {
    double rate = profile.rows() == 0 ? 0 : (double) profile.missing() / profile.rows();
    if (profile instanceof NumericProfile n) {
      boolean any = n.finite() > 0;
      return new Summary(n.rows(), n.missing(), rate, any ? n.min() : null, any ? n.max() : null,
          any ? n.mean() : null, any ? n.standardDeviation() : null, null);
    }
    CategoricalProfile c = (CategoricalProfile) profile;
    return new Summary(c.rows(), c.missing(), rate, null, null, null, null, c.distinct());
  }
}
