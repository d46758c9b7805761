package dev.parity.server.cli;

import dev.parity.definitions.FeatureRepository;
import dev.parity.server.core.MaterializationResult;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.RepositoryStores;
import java.util.Map;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity materialize-incremental --end TS [--views a,b] [--engine embedded|spark] [--master
 * URL] [--conf K=V]...}: materializes each view from the end of its last successful
 * materialization (from the beginning the first time), whichever engine ran it.
 */
public final class MaterializeIncrementalCommand extends JobCommand {
  private final Map<String, String> environment;

  /** @param environment finds Spark for {@code --engine spark} ({@link dev.parity.server.spark.SparkSubmit#locate}) */
  public MaterializeIncrementalCommand(JobServices services, Map<String, String> environment) {
    super("materialize-incremental", "Materialize each online view from the end of its last successful "
        + "materialization (the beginning the first time) up to END", services);
    this.environment = Map.copyOf(environment);
  }

  @Override
  void addArguments(Subparser subparser) {
    subparser.addArgument("--end").dest("end").metavar("TS").required(true)
        .help("interval end and the time T of the values, ISO-8601 (2026-01-31T00:00:00Z)");
    subparser.addArgument("--views").dest("views").metavar("A,B")
        .help("feature views to materialize (default: every online view)");
    EngineOptions.addTo(subparser);
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    MaterializationService service = MaterializeCommand.service(repository, stores, namespace, environment);
    ProgressLine progress = progress("materialize-incremental");
    MaterializationResult result;
    try {
      result = service.materializeIncremental(repository,
          timestamp("--end", namespace.getString("end")),
          Optional.ofNullable(namespace.getString("views")).map(JobCommand::commaList), progress);
    } finally {
      progress.finish(); // a failure's one-line reason then starts on a line of its own
    }
    out.print(result.render());
  }
}
