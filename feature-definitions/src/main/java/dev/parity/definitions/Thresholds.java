package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Thresholds of skew statistics: a feature fails a statistic whose value is greater than its
 * threshold. Statistics without a threshold are reported but not judged.
 *
 * @param values threshold by statistic, each between 0 and the statistic's upper bound
 */
public record Thresholds(Map<DriftStatistic, Double> values) {
  private static final Thresholds NONE = new Thresholds(Map.of());

  public Thresholds {
    requireNonNull(values, "values is null");
    EnumMap<DriftStatistic, Double> copy = new EnumMap<>(DriftStatistic.class);
    values.forEach((statistic, value) -> {
      requireNonNull(statistic, "statistic is null");
      requireNonNull(value, "threshold of " + statistic.yamlName() + " is null");
      if (!(value >= 0 && value <= statistic.upperBound())) {
        throw new IllegalArgumentException(statistic.yamlName() + " threshold must be between 0 and "
            + (Double.isInfinite(statistic.upperBound()) ? "any positive number" : format(statistic.upperBound()))
            + ", found " + value);
      }
      copy.put(statistic, value);
    });
    values = Collections.unmodifiableMap(copy);
  }

  /** No thresholds. */
  public static Thresholds none() {
    return NONE;
  }

  /** The defaults of {@link DriftStatistic#defaultThreshold()}: PSI 0.2, JS 0.1, L-infinity 0.1. */
  public static Thresholds defaults() {
    EnumMap<DriftStatistic, Double> values = new EnumMap<>(DriftStatistic.class);
    for (DriftStatistic statistic : DriftStatistic.values()) {
      statistic.defaultThreshold().ifPresent(v -> values.put(statistic, v));
    }
    return new Thresholds(values);
  }

  public OptionalDouble get(DriftStatistic statistic) {
    Double value = values.get(statistic);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** These thresholds, and {@code fallback}'s for the statistics these do not set. */
  public Thresholds orElse(Thresholds fallback) {
    EnumMap<DriftStatistic, Double> merged = new EnumMap<>(DriftStatistic.class);
    merged.putAll(fallback.values);
    merged.putAll(values);
    return new Thresholds(merged);
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
