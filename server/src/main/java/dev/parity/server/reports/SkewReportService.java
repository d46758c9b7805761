package dev.parity.server.reports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.reports.skew.ParquetInput;
import dev.parity.reports.skew.SkewOptions;
import dev.parity.reports.skew.SkewReport;
import dev.parity.reports.skew.SkewReports;
import dev.parity.server.core.RepositoryStores;
import java.nio.file.Path;
import java.util.Map;

/**
 * Distribution skew reports of a repository (docs/reports.md), as the CLI's {@code skew-report}
 * and {@code POST /reports/skew} make them: computed from Parquet files and recorded in the
 * metadata store. Thread-safe.
 */
public final class SkewReportService {
  /** The kind of distribution skew reports in the metadata store. */
  public static final String KIND = "distribution";
  /** The statistic whose largest value is the recorded report's metric and each feature's gauge. */
  static final String METRIC = "psi";
  // Converts report records to JSON trees only.
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RepositoryStores stores;
  private final ReportGauges gauges;

  public SkewReportService(RepositoryStores stores, ReportGauges gauges) {
    this.stores = requireNonNull(stores, "stores are null");
    this.gauges = requireNonNull(gauges, "gauges are null");
  }

  /**
   * Compares the features of {@code service} between the Parquet files at {@code reference} (a
   * file, a directory of them or a glob: the bins come from it) and at {@code current}.
   *
   * @throws dev.parity.reports.skew.SkewInputException a missing or unreadable input
   * @throws dev.parity.definitions.UnknownDefinitionException an unknown service
   */
  public SkewReport compare(FeatureRepository repository, String service, String reference, String current) {
    return new SkewReports(stores.allocator(), stores.clock(), SkewOptions.defaults())
        .compare(repository, service, ParquetInput.of(reference), ParquetInput.of(current));
  }

  /** As {@link #compare(FeatureRepository, String, String, String)} for paths. */
  public SkewReport compare(FeatureRepository repository, String service, Path reference, Path current) {
    return compare(repository, service, reference.toString(), current.toString());
  }

  /**
   * Records {@code report} in the metadata store as a {@code distribution} report linked to its
   * service and the service's current version, with its verdict; its largest PSI is the metric
   * triggers watch, and each feature's PSI becomes its gauge. Returns the report's id.
   */
  public long record(FeatureRepository repository, SkewReport report) {
    requireNonNull(report, "report is null");
    double worst = 0;
    for (SkewReport.FeatureSkew feature : report.features()) {
      Double psi = psi(feature);
      if (psi != null) {
        worst = Math.max(worst, psi);
      }
    }
    Map<String, Object> inputs = Map.of("reference", report.reference(), "current", report.current());
    dev.parity.registry.metadata.SkewReport record = new dev.parity.registry.metadata.SkewReport(
        repository.config().project(), KIND, JSON.valueToTree(inputs), JSON.valueToTree(report), worst)
        .withService(report.service(), RepositoryVersions.of(repository).version(ObjectKind.FEATURE_SERVICE,
            report.service()))
        .withVerdict(report.verdict().name());
    long id = stores.metadata().recordSkewReport(record).id();
    for (SkewReport.FeatureSkew feature : report.features()) {
      Double psi = psi(feature);
      if (psi != null) {
        gauges.set(report.service(), feature.feature(), METRIC, psi);
      }
    }
    return id;
  }

  private static Double psi(SkewReport.FeatureSkew feature) {
    return feature.statistics().stream().filter(s -> s.name().equals(METRIC) && s.value() != null)
        .map(SkewReport.Statistic::value).filter(Double::isFinite).findFirst().orElse(null);
  }
}
