package dev.parity.server.cli;

import dev.parity.definitions.FeatureRepository;
import dev.parity.server.core.MaterializationResult;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.RepositoryStores;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity materialize --start TS --end TS [--views a,b]}: writes to the online store the
 * values a training set at {@code end} gets, for entities with source rows in the interval.
 */
public final class MaterializeCommand extends JobCommand {
  public MaterializeCommand(JobServices services) {
    super("materialize", "Write to the online store the values each entity gets in a training set at END, "
        + "for entities with source rows in [START, END]", services);
  }

  @Override
  void addArguments(Subparser subparser) {
    subparser.addArgument("--start").dest("start").metavar("TS").required(true)
        .help("interval start, ISO-8601 (2026-01-01T00:00:00Z)");
    subparser.addArgument("--end").dest("end").metavar("TS").required(true)
        .help("interval end and the time T of the values, ISO-8601");
    subparser.addArgument("--views").dest("views").metavar("A,B")
        .help("feature views to materialize (default: every online view)");
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    ProgressLine progress = progress("materialize");
    MaterializationResult result;
    try {
      result = new MaterializationService(stores).materialize(repository,
          timestamp("--start", namespace.getString("start")), timestamp("--end", namespace.getString("end")),
          Optional.ofNullable(namespace.getString("views")).map(JobCommand::commaList), progress);
    } finally {
      progress.finish(); // a failure's one-line reason then starts on a line of its own
    }
    out.print(result.render());
  }
}
