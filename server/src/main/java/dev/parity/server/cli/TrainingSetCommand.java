package dev.parity.server.cli;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.core.TrainingSetSummary;
import java.nio.file.Path;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity training-set --service NAME | --features v:f,... --entities FILE --out FILE
 * [--as-of-created TS] [--plain-names]}: builds a point-in-time correct training set and records it.
 */
public final class TrainingSetCommand extends JobCommand {
  public TrainingSetCommand(JobServices services) {
    super("training-set", "Build a point-in-time correct training set (Parquet) for an entity table and "
        + "record it in the metadata store", services);
  }

  @Override
  void addArguments(Subparser subparser) {
    MutuallyExclusiveGroup selection = subparser.addMutuallyExclusiveGroup("features").required(true);
    selection.addArgument("--service").dest("service").metavar("NAME").help("a feature service");
    selection.addArgument("--features").dest("features").metavar("V:F,...").help("view:feature references");
    subparser.addArgument("--entities").dest("entities").metavar("FILE").required(true)
        .help("entity table: Parquet or CSV (join keys, event_timestamp, other columns kept)");
    subparser.addArgument("--out").dest("out").metavar("FILE").required(true).help("the Parquet file to write");
    subparser.addArgument("--as-of-created").dest("asOfCreated").metavar("TS")
        .help("ignore source rows created after this time (reproducible retrieval)");
    subparser.addArgument("--plain-names").dest("plainNames").action(Arguments.storeTrue())
        .help("name feature columns by feature instead of view__feature (must not clash)");
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    FeatureSelector selector = Optional.ofNullable(namespace.getString("service")).map(FeatureSelector::service)
        .orElseGet(() -> FeatureSelector.features(commaList(namespace.getString("features"))));
    TrainingSetSpec spec = new TrainingSetSpec(selector, Path.of(namespace.getString("entities")),
        Path.of(namespace.getString("out")), optionalTimestamp(namespace, "asOfCreated", "--as-of-created"),
        !namespace.getBoolean("plainNames"));
    ProgressLine progress = progress("training-set");
    TrainingSetSummary summary;
    try {
      summary = new TrainingSetService(stores).build(repository, spec, progress);
    } finally {
      progress.finish(); // a failure's one-line reason then starts on a line of its own
    }
    out.print(summary.render());
  }
}
