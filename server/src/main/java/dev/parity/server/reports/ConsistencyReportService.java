package dev.parity.server.reports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.SkewReport;
import dev.parity.online.serving.OnlineFeatureServer;
import dev.parity.reports.consistency.ConsistencyOptions;
import dev.parity.reports.consistency.ConsistencyReport;
import dev.parity.reports.consistency.ValueConsistency;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.servinglog.ParquetServingLogSink;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Value consistency reports of a repository (docs/reports.md): the serving log the server wrote
 * under the offline path, the online store, the offline engine and the materialization runs of the
 * metadata store. Thread-safe.
 */
public final class ConsistencyReportService {
  /** The kind of value consistency reports in the metadata store. */
  public static final String KIND = "value_consistency";
  // Converts report records to JSON trees only.
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RepositoryStores stores;
  private final ReportGauges gauges;

  /** A service whose reports set gauges nobody reads (the CLI's). */
  public ConsistencyReportService(RepositoryStores stores) {
    this(stores, ReportGauges.unread());
  }

  public ConsistencyReportService(RepositoryStores stores, ReportGauges gauges) {
    this.stores = requireNonNull(stores, "stores are null");
    this.gauges = requireNonNull(gauges, "gauges are null");
  }

  /**
   * Compares the serving log of {@code service} over {@code [from, to)} with the offline values
   * at each request's time.
   *
   * @throws dev.parity.reports.consistency.ConsistencyInputException no log or no request in range
   * @throws dev.parity.definitions.UnknownDefinitionException an unknown service
   */
  public ConsistencyReport servingLog(FeatureRepository repository, String service, Instant from, Instant to) {
    return consistency(repository).servingLog(repository, service,
        ParquetServingLogSink.directory(stores.offlineDirectory(), requireNonNull(service, "service is null")), from, to);
  }

  /**
   * Looks {@code size} entities, drawn from the offline data by a stable hash of their keys, up
   * online now and compares them with the offline values now.
   */
  public ConsistencyReport sample(FeatureRepository repository, String service, int size) {
    return consistency(repository).sample(repository, service,
        OnlineFeatureServer.create(repository, stores.online()), size);
  }

  /** As {@link #sample(FeatureRepository, String, int)} for the given entities. */
  public ConsistencyReport sample(FeatureRepository repository, String service, List<Map<String, Object>> entities) {
    return consistency(repository).sample(repository, service,
        OnlineFeatureServer.create(repository, stores.online()), entities);
  }

  /**
   * Records {@code report} in the metadata store as a {@code value_consistency} report linked to
   * its service and the service's current version (the offline values were computed with it), the
   * serving log's range if it covers one, and its verdict; its largest mismatch rate is the metric
   * triggers watch, and each feature's mismatch rate becomes its gauge. Returns the report's id.
   */
  public long record(FeatureRepository repository, ConsistencyReport report) {
    requireNonNull(report, "report is null");
    SkewReport record = new SkewReport(repository.config().project(), KIND, JSON.valueToTree(report.source()),
        JSON.valueToTree(report), report.worstMismatchRate())
        .withService(report.service(), RepositoryVersions.of(repository).version(ObjectKind.FEATURE_SERVICE,
            report.service()))
        .withVerdict(report.verdict().name());
    if (report.source().from() != null && report.source().to() != null) {
      record = record.withRange(Instant.parse(report.source().from()), Instant.parse(report.source().to()));
    }
    Recorded<SkewReport> recorded = stores.metadata().recordSkewReport(record);
    gauges.show(recorded.value());
    return recorded.id();
  }

  private ValueConsistency consistency(FeatureRepository repository) {
    return new ValueConsistency(stores.offline(), stores.allocator(), stores.offlineOptions(), stores.clock(),
        MetadataMaterializationHistory.read(stores.metadata(), repository.config().project()),
        ConsistencyOptions.defaults(stores.temporaryDirectory()));
  }
}
