package dev.parity.server.reports;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureService;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.SkewReport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest stored report's numbers as gauges, so that a metric trigger or Prometheus can react:
 * {@code parity.reports.<service>.<feature>.psi} (distribution skew) and {@code .mismatch_rate}
 * (value consistency). A gauge is registered the first time a report with its feature is shown
 * and from then on reads the value of the latest such report. The server shows each report it
 * stores, and on start {@linkplain #restore restores} the gauges from the reports stored before,
 * so a restart does not blank what triggers watch. The server's metrics are plain dotted names (no
 * tags), so the service and feature go into the name. Thread-safe.
 */
public final class ReportGauges {
  /** How many of a service's newest reports a restart reads back. */
  static final int RESTORED_REPORTS = 50;
  /** The statistic of distribution skew reports shown as gauges (their largest is the report's metric). */
  static final String PSI = "psi";
  /** The statistic of value consistency reports shown as gauges. */
  static final String MISMATCH_RATE = "mismatch_rate";
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

  /**
   * Sets the gauges of {@code report}'s features from its stored body: each feature's PSI of a
   * distribution report, its mismatch rate of a value consistency report. Reports of other kinds,
   * without a service, or features without a finite value leave the gauges as they are.
   */
  public void show(SkewReport report) {
    requireNonNull(report, "report is null");
    if (report.service().isEmpty()) {
      return;
    }
    String service = report.service().get();
    JsonNode features = report.report().path("features");
    for (JsonNode feature : features) {
      String name = feature.path("feature").asText("");
      if (name.isEmpty()) {
        continue;
      }
      switch (report.kind()) {
        case SkewReportService.KIND -> {
          for (JsonNode statistic : feature.path("statistics")) {
            if (statistic.path("name").asText("").equals(PSI)) {
              set(service, name, PSI, statistic.path("value"));
            }
          }
        }
        case ConsistencyReportService.KIND -> set(service, name, MISMATCH_RATE, feature.path("mismatchRate"));
        default -> {
          // another kind of report: no gauge
        }
      }
    }
  }

  /**
   * Shows the reports stored for the services of {@code repository} (the newest {@value
   * #RESTORED_REPORTS} of each, oldest first, so each gauge ends at its latest report's value):
   * what a restarted server does before it serves.
   *
   * @return how many reports were read back
   */
  public int restore(MetadataStore metadata, FeatureRepository repository) {
    requireNonNull(metadata, "metadata is null");
    String project = repository.config().project();
    int read = 0;
    for (String service : repository.featureServices().stream().map(FeatureService::name).toList()) {
      List<Recorded<SkewReport>> newestFirst = metadata.skewReports(project, service, RESTORED_REPORTS, 0);
      for (int i = newestFirst.size() - 1; i >= 0; i--) {
        show(newestFirst.get(i).value());
        read++;
      }
    }
    return read;
  }

  private void set(String service, String feature, String statistic, JsonNode value) {
    if (value.isNumber() && Double.isFinite(value.asDouble())) {
      set(service, feature, statistic, value.asDouble());
    }
  }

  /** Sets the gauge of {@code statistic} of {@code feature} to {@code value}, registering it if new. */
  void set(String service, String feature, String statistic, double value) {
    String name = name(service, feature, statistic);
    if (values.put(name, value) == null) {
      metrics.gauge(name, () -> (Gauge<Double>) () -> values.get(name));
    }
  }
}
