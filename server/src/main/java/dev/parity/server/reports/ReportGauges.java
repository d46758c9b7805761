package dev.parity.server.reports;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest stored report's numbers as gauges, so that a metric trigger or Prometheus can react:
 * {@code parity.reports.<service>.<feature>.psi} (distribution skew) and {@code .mismatch_rate}
 * (value consistency). A gauge is registered the first time a report with its feature is stored
 * and from then on reads the value of the latest such report. The server's metrics are plain
 * dotted names (no tags), so the service and feature go into the name. Thread-safe.
 */
public final class ReportGauges {
  private final MetricRegistry metrics;
  private final Map<String, Double> values = new ConcurrentHashMap<>();

  public ReportGauges(MetricRegistry metrics) {
    this.metrics = requireNonNull(metrics, "metrics is null");
  }

  /** Gauges nobody reads: the CLI's, whose process ends with the command. */
  public static ReportGauges unread() {
    return new ReportGauges(new MetricRegistry());
  }

  /** The gauge name of {@code statistic} of {@code feature} ({@code view:feature}) of {@code service}. */
  public static String name(String service, String feature, String statistic) {
    return MetricRegistry.name("parity.reports", service, feature, statistic);
  }

  /** Sets the gauge of {@code statistic} of {@code feature} to {@code value}, registering it if new. */
  void set(String service, String feature, String statistic, double value) {
    String name = name(service, feature, statistic);
    if (values.put(name, value) == null) {
      metrics.gauge(name, () -> (Gauge<Double>) () -> values.get(name));
    }
  }
}
