package dev.parity.server.cli;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.OfflineEngineConfig;
import dev.parity.definitions.OfflineEngineConfig.Engine;
import dev.parity.server.core.MaterializationResult;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.spark.SparkMaterializer;
import dev.parity.server.spark.SparkSubmit;
import java.util.Map;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity materialize --start TS --end TS [--views a,b] [--engine embedded|spark] [--master
 * URL] [--conf K=V]...}: writes to the online store the values a training set at {@code end} gets,
 * for entities with source rows in the interval, on the embedded engine or, as a {@code
 * spark-submit} job, on Spark ({@link SparkMaterializer}).
 */
public final class MaterializeCommand extends JobCommand {
  private final Map<String, String> environment;

  /** @param environment finds Spark for {@code --engine spark} ({@link SparkSubmit#locate}) */
  public MaterializeCommand(JobServices services, Map<String, String> environment) {
    super("materialize", "Write to the online store the values each entity gets in a training set at END, "
        + "for entities with source rows in [START, END]", services);
    this.environment = Map.copyOf(environment);
  }

  @Override
  void addArguments(Subparser subparser) {
    subparser.addArgument("--start").dest("start").metavar("TS").required(true)
        .help("interval start, ISO-8601 (2026-01-01T00:00:00Z)");
    subparser.addArgument("--end").dest("end").metavar("TS").required(true)
        .help("interval end and the time T of the values, ISO-8601");
    subparser.addArgument("--views").dest("views").metavar("A,B")
        .help("feature views to materialize (default: every online view)");
    EngineOptions.addTo(subparser);
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    MaterializationService service = service(repository, stores, namespace, environment);
    ProgressLine progress = progress("materialize");
    MaterializationResult result;
    try {
      result = service.materialize(repository, timestamp("--start", namespace.getString("start")),
          timestamp("--end", namespace.getString("end")),
          Optional.ofNullable(namespace.getString("views")).map(JobCommand::commaList), progress);
    } finally {
      progress.finish(); // a failure's one-line reason then starts on a line of its own
    }
    out.print(result.render());
  }

  /**
   * The materialization service on the engine the flags and {@code parity.yaml} choose; for Spark,
   * found before anything runs (without Spark, the command fails at once).
   */
  static MaterializationService service(FeatureRepository repository, RepositoryStores stores, Namespace namespace,
      Map<String, String> environment) {
    OfflineEngineConfig engine = EngineOptions.resolve(namespace, repository.config().offlineEngine());
    if (engine.engine() != Engine.SPARK) {
      return new MaterializationService(stores);
    }
    return new MaterializationService(stores, new SparkMaterializer(SparkSubmit.locate(environment), engine,
        stores.clock(), stores.expiryGrace(), stores.offlineDirectory().resolve("spark-logs")));
  }
}
