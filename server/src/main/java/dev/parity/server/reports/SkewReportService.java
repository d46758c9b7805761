package dev.parity.server.reports;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.TrainingSet;
import dev.parity.reports.skew.ParquetInput;
import dev.parity.reports.skew.ServingLogInput;
import dev.parity.reports.skew.SkewInput;
import dev.parity.reports.skew.SkewOptions;
import dev.parity.reports.skew.SkewReport;
import dev.parity.reports.skew.SkewReports;
import dev.parity.offline.MissingInputException;
import dev.parity.reports.skew.SkewInputException;
import dev.parity.server.core.AllowedPaths;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.errors.UnknownObjectException;
import dev.parity.server.servinglog.ParquetServingLogSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Distribution skew reports of a repository (docs/reports.md), as the CLI's {@code skew-report}
 * and {@code POST /reports/skew} make them: each side a training set, a range of the service's
 * serving log or Parquet files ({@link SkewSide}), recorded in the metadata store with links to
 * them. Thread-safe.
 */
public final class SkewReportService {
  /** The kind of distribution skew reports in the metadata store. */
  public static final String KIND = "distribution";
  // Converts report records to JSON trees only.
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RepositoryStores stores;
  private final ReportGauges gauges;

  public SkewReportService(RepositoryStores stores, ReportGauges gauges) {
    this.stores = requireNonNull(stores, "stores are null");
    this.gauges = requireNonNull(gauges, "gauges are null");
  }

  /**
   * How the caller names a side in errors and which paths it may read: the CLI ({@code
   * --reference}, any path its user names) or the server ({@code "reference"}, only the paths
   * {@link AllowedPaths} allows).
   */
  public interface Caller {
    /** The CLI's: options named {@code --reference}, any path. */
    Caller CLI = new Caller() {
      @Override
      public String name(String side) {
        return "--" + side;
      }

      @Override
      public String path(String side, String location) {
        return location;
      }
    };

    /** A server's: fields named {@code "reference"}, paths confined by {@code paths} to {@code repository}'s. */
    static Caller http(AllowedPaths paths, FeatureRepository repository) {
      requireNonNull(paths, "paths is null");
      requireNonNull(repository, "repository is null");
      return new Caller() {
        @Override
        public String name(String side) {
          return "\"" + side + "\"";
        }

        @Override
        public String path(String side, String location) {
          return paths.input(repository, side, location).toString();
        }
      };
    }

    /** {@code side} ({@code reference} or {@code current}) as the caller names it. */
    String name(String side);

    /**
     * The location to read for {@code location}, named by {@code side}.
     *
     * @throws dev.parity.ParityException if it may not be read, naming {@code side}
     */
    String path(String side, String location);
  }

  /**
   * The two sides of a report, resolved to data sets and checked: the training set exists in this
   * project, the serving log has requests in the range, the paths are allowed and name files.
   * Cheap: no data is read (file listings and footers only), so the server resolves a request
   * before queuing its job.
   */
  public record Inputs(SkewSide referenceSide, SkewInput reference, SkewSide currentSide, SkewInput current) {
    public Inputs {
      requireNonNull(referenceSide, "referenceSide is null");
      requireNonNull(reference, "reference is null");
      requireNonNull(currentSide, "currentSide is null");
      requireNonNull(current, "current is null");
    }
  }

  /**
   * Resolves both sides of a report on {@code service} (see {@link SkewSide}); errors name the
   * side as {@code caller} does.
   *
   * @throws UnknownObjectException a training set id that is not in this project's metadata store
   * @throws SkewInputException no serving log, or no request of it in the range
   * @throws dev.parity.ParityException a path naming no file, or one the caller may not read
   */
  public Inputs resolve(FeatureRepository repository, String service, SkewSide reference, SkewSide current,
      Caller caller) {
    requireNonNull(repository, "repository is null");
    requireNonNull(service, "service is null");
    requireNonNull(caller, "caller is null");
    return new Inputs(reference, input(repository, service, "reference", reference, caller), current,
        input(repository, service, "current", current, caller));
  }

  private SkewInput input(FeatureRepository repository, String service, String side, SkewSide spec, Caller caller) {
    String name = caller.name(side) + " '" + requireNonNull(spec, side + " is null").text() + "'";
    try {
      if (spec instanceof SkewSide.TrainingSet set) {
        String project = repository.config().project();
        TrainingSet found = stores.metadata().trainingSet(set.id()).map(Recorded::value)
            .filter(t -> t.project().equals(project))
            .orElseThrow(() -> new UnknownObjectException(name + ": there is no training set " + set.id()
                + " in project " + project));
        return ParquetInput.of(caller.path(side, found.outputPath()));
      }
      if (spec instanceof SkewSide.ServingLog log) {
        return ServingLogInput.of(ParquetServingLogSink.directory(stores.offlineDirectory(), service), log.from(),
            log.to());
      }
      return ParquetInput.of(caller.path(side, ((SkewSide.Parquet) spec).location()));
    } catch (SkewInputException | MissingInputException e) {
      throw new SkewInputException(name + ": " + e.getMessage());
    }
  }

  /**
   * Compares the features of {@code service} between the resolved inputs (the bins come from the
   * reference).
   *
   * @throws SkewInputException a side lacking a feature's column, or without rows
   * @throws dev.parity.definitions.UnknownDefinitionException an unknown service
   */
  public SkewReport compare(FeatureRepository repository, String service, Inputs inputs) {
    return new SkewReports(stores.allocator(), stores.clock(), SkewOptions.defaults())
        .compare(repository, service, inputs.reference(), inputs.current());
  }

  /**
   * Records {@code report} in the metadata store as a {@code distribution} report linked to its
   * service and the service's current version, with its verdict and what it compared (each side's
   * form, such as {@code training-set:7}, its description and rows); a training set compared is
   * linked (the reference's if both are), and so is a range of the serving log (the current
   * side's if both are). Its largest PSI is the metric triggers watch, and each feature's PSI
   * becomes its gauge. Returns the report's id.
   *
   * @param inputs what {@code report} compared
   */
  public long record(FeatureRepository repository, SkewReport report, Inputs inputs) {
    requireNonNull(report, "report is null");
    requireNonNull(inputs, "inputs are null");
    double worst = 0;
    for (SkewReport.FeatureSkew feature : report.features()) {
      Double psi = psi(feature);
      if (psi != null) {
        worst = Math.max(worst, psi);
      }
    }
    Map<String, Object> compared = new LinkedHashMap<>();
    compared.put("reference", side(inputs.referenceSide(), report.reference()));
    compared.put("current", side(inputs.currentSide(), report.current()));
    dev.parity.registry.metadata.SkewReport record = new dev.parity.registry.metadata.SkewReport(
        repository.config().project(), KIND, JSON.valueToTree(compared), JSON.valueToTree(report), worst)
        .withService(report.service(), RepositoryVersions.of(repository).version(ObjectKind.FEATURE_SERVICE,
            report.service()))
        .withVerdict(report.verdict().name());
    // Linked in reverse order of preference, so the preferred side's link is the one kept.
    for (SkewSide side : List.of(inputs.currentSide(), inputs.referenceSide())) {
      if (side instanceof SkewSide.TrainingSet set) {
        record = record.withTrainingSet(set.id());
      }
    }
    for (SkewSide side : List.of(inputs.referenceSide(), inputs.currentSide())) {
      if (side instanceof SkewSide.ServingLog log) {
        record = record.withRange(log.from(), log.to());
      }
    }
    Recorded<dev.parity.registry.metadata.SkewReport> recorded = stores.metadata().recordSkewReport(record);
    gauges.show(recorded.value());
    return recorded.id();
  }

  /** One side as the stored report's {@code inputs} describe it. */
  private static Map<String, Object> side(SkewSide side, SkewReport.Dataset dataset) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("side", side.text());
    described.put("kind", side.kind());
    described.put("description", dataset.description());
    described.put("rows", dataset.rows());
    return described;
  }

  private static Double psi(SkewReport.FeatureSkew feature) {
    return feature.statistics().stream().filter(s -> s.name().equals(ReportGauges.PSI) && s.value() != null)
        .map(SkewReport.Statistic::value).filter(Double::isFinite).findFirst().orElse(null);
  }
}
