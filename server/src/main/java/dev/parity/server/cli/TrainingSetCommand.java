package dev.parity.server.cli;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.OfflineEngineConfig;
import dev.parity.definitions.OfflineEngineConfig.Engine;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.features.TrainingSets;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.TrainingSetService;
import dev.parity.server.core.TrainingSetSummary;
import dev.parity.server.spark.SparkSubmit;
import dev.parity.server.spark.SparkTrainingSetBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code parity training-set --service NAME | --features v:f,... --entities FILE --out FILE
 * [--as-of-created TS] [--plain-names] [--engine embedded|spark] [--master URL] [--conf K=V]...}:
 * builds a point-in-time correct training set and records it, on the embedded engine or, as a
 * {@code spark-submit} job, on Spark ({@link SparkTrainingSetBuilder}).
 */
public final class TrainingSetCommand extends JobCommand {
  private final Map<String, String> environment;

  /** @param environment finds Spark for {@code --engine spark} ({@link SparkSubmit#locate}) */
  public TrainingSetCommand(JobServices services, Map<String, String> environment) {
    super("training-set", "Build a point-in-time correct training set (Parquet) for an entity table and "
        + "record it in the metadata store", services);
    this.environment = Map.copyOf(environment);
  }

  @Override
  void addArguments(Subparser subparser) {
    MutuallyExclusiveGroup selection = subparser.addMutuallyExclusiveGroup("features").required(true);
    selection.addArgument("--service").dest("service").metavar("NAME").help("a feature service");
    selection.addArgument("--features").dest("features").metavar("V:F,...").help("view:feature references");
    subparser.addArgument("--entities").dest("entities").metavar("FILE").required(true)
        .help("entity table: Parquet or CSV (join keys, event_timestamp, other columns kept)");
    subparser.addArgument("--out").dest("out").metavar("FILE").required(true)
        .help("the Parquet file to write (a directory of part files with --engine spark)");
    subparser.addArgument("--as-of-created").dest("asOfCreated").metavar("TS")
        .help("ignore source rows created after this time (reproducible retrieval)");
    subparser.addArgument("--plain-names").dest("plainNames").action(Arguments.storeTrue())
        .help("name feature columns by feature instead of view__feature (must not clash)");
    EngineOptions.addTo(subparser);
  }

  @Override
  void run(FeatureRepository repository, RepositoryStores stores, Namespace namespace) {
    FeatureSelector selector = Optional.ofNullable(namespace.getString("service")).map(FeatureSelector::service)
        .orElseGet(() -> FeatureSelector.features(commaList(namespace.getString("features"))));
    TrainingSetSpec spec = new TrainingSetSpec(selector, Path.of(namespace.getString("entities")),
        Path.of(namespace.getString("out")), optionalTimestamp(namespace, "asOfCreated", "--as-of-created"),
        !namespace.getBoolean("plainNames"));
    OfflineEngineConfig engine = EngineOptions.resolve(namespace, repository.config().offlineEngine());
    // Found before anything runs: without Spark, the command fails at once.
    Optional<SparkSubmit> spark = engine.engine() == Engine.SPARK
        ? Optional.of(SparkSubmit.locate(environment)) : Optional.empty();
    ProgressLine progress = progress("training-set");
    TrainingSetSummary summary;
    try {
      TrainingSetService service = new TrainingSetService(stores);
      summary = spark.isEmpty() ? service.build(repository, spec, progress)
          : service.build(repository, spec, progress, new SparkTrainingSetBuilder(spark.get(), engine,
              new TrainingSets(stores.offline(), stores.allocator(), stores.offlineOptions(), clock()), clock(),
              stores.offlineDirectory().resolve("spark-logs"), line -> err.println("spark: " + line)));
    } finally {
      progress.finish(); // a failure's one-line reason then starts on a line of its own
    }
    out.print(summary.render());
  }
}
