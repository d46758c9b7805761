package dev.parity.server.spark;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.definitions.OfflineEngineConfig;
import dev.parity.offline.Progress;
import dev.parity.offline.SkippedRows;
import dev.parity.offline.engine.EntityFiles;
import dev.parity.offline.features.BuiltTrainingSet;
import dev.parity.offline.features.FeatureStatistics;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.features.TrainingSets;
import dev.parity.server.core.TrainingSetBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A training set built by the Spark job ({@link SparkSubmit}) and described for the metadata store
 * as the embedded engine's are ({@link TrainingSets#describe}, with the statistics the job's
 * executors collected): the CLI records the run, not the
 * job, because the metadata store is this machine's (an H2 registry is a local file a cluster's
 * driver cannot reach) and so that a run is recorded only once its output is complete. The job
 * gets the same arguments as {@code parity training-set}, with absolute paths and {@code --now}:
 * the instant of the future-time limit recorded here.
 */
public final class SparkTrainingSetBuilder implements TrainingSetBuilder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SparkSubmit submit;
  private final OfflineEngineConfig engine;
  private final TrainingSets describer;
  private final Clock clock;
  private final Path logDirectory;
  private final Consumer<String> jobLines;

  /**
   * @param describer describes the written output (and reads its statistics if the job gave none)
   * @param logDirectory where a job's log is written (kept if the job fails)
   * @param jobLines receives the job's progress lines
   */
  public SparkTrainingSetBuilder(SparkSubmit submit, OfflineEngineConfig engine, TrainingSets describer, Clock clock,
      Path logDirectory, Consumer<String> jobLines) {
    this.submit = requireNonNull(submit, "submit is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.describer = requireNonNull(describer, "describer is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.logDirectory = requireNonNull(logDirectory, "logDirectory is null");
    this.jobLines = requireNonNull(jobLines, "jobLines is null");
  }

  @Override
  public BuiltTrainingSet build(FeatureRepository repository, TrainingSetSpec spec, Optional<EntityFiles> entities,
      Progress progress) {
    // Refused here, before a cluster is asked for anything: what the job would refuse first.
    TrainingSets.engineJoin(repository, spec);
    TrainingSets.checkEntityTable(repository, spec);
    Instant now = clock.instant();
    FutureTimeLimit limit = repository.config().futureTimeLimit(Clock.fixed(now, ZoneOffset.UTC));
    Path output = spec.output().toAbsolutePath().normalize();
    Path log = logDirectory.resolve("training-set-" + now.toEpochMilli() + ".log");
    submit.run(engine, arguments(repository, spec, output, now), log, jobLines);
    Manifest manifest = Manifest.read(output);
    progress.rowsWritten(manifest.rows());
    // The statistics the job's executors collected as they wrote; read from the output only if the
    // job (an older parity-spark.jar) did not give them.
    return manifest.statistics().isPresent()
        ? describer.describe(repository, spec, output, manifest.rows(), manifest.skipped(), limit,
            manifest.statistics().get())
        : describer.describe(repository, spec, output, manifest.rows(), manifest.skipped(), limit);
  }

  /** {@code parity training-set}'s arguments for the job, paths absolute. */
  static List<String> arguments(FeatureRepository repository, TrainingSetSpec spec, Path output, Instant now) {
    List<String> args = new ArrayList<>(List.of("training-set", "--repo", repository.root().toString()));
    spec.selector().service().ifPresentOrElse(s -> args.addAll(List.of("--service", s)),
        () -> args.addAll(List.of("--features",
            String.join(",", spec.selector().features().stream().map(FeatureRef::requestForm).toList()))));
    args.addAll(List.of("--entities", spec.entityTable().toAbsolutePath().normalize().toString(),
        "--out", output.toString()));
    spec.asOfCreated().ifPresent(t -> args.addAll(List.of("--as-of-created", t.toString())));
    if (!spec.fullNames()) {
      args.add("--plain-names");
    }
    args.addAll(List.of("--now", now.toString()));
    return args;
  }

  /**
   * The job's {@code _parity.json}: its row count, the source rows each view skipped and the
   * statistics of the feature columns, if it has them.
   */
  record Manifest(long rows, Map<String, SkippedRows> skipped, Optional<List<FeatureStatistics>> statistics) {
    static Manifest read(Path output) {
      Path file = output.resolve("_parity.json");
      JsonNode json;
      try {
        json = JSON.readTree(Files.readString(file));
      } catch (IOException e) {
        throw new SparkJobException("the Spark job succeeded but " + file + " cannot be read: " + e.getMessage(), e);
      }
      if (json == null || !json.path("rows").canConvertToLong()) {
        throw new SparkJobException(file + " has no row count: not written by parity-spark.jar");
      }
      Map<String, SkippedRows> skipped = new LinkedHashMap<>();
      json.path("skipped").properties().forEach(e -> skipped.put(e.getKey(),
          new SkippedRows(e.getValue().path("beyond_future_limit").asLong(), e.getValue().path("null_keys").asLong())));
      Optional<List<FeatureStatistics>> statistics = Optional.empty();
      if (json.has("statistics")) {
        try {
          statistics = Optional.of(JSON.convertValue(json.get("statistics"), new TypeReference<List<FeatureStatistics>>() { }));
        } catch (IllegalArgumentException e) {
          throw new SparkJobException(file + " has statistics Parity cannot read: " + e.getMessage(), e);
        }
      }
      return new Manifest(json.path("rows").asLong(), skipped, statistics);
    }
  }
}
