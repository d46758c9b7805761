package dev.parity.offline.spark.job;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSetSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The job's {@code training-set} command line: {@code training-set [-r DIR] (--service NAME |
 * --features V:F,...) --entities PATH --out DIR [--as-of-created TS] [--plain-names] [--now TS]},
 * the {@code parity training-set} flags (the engine flags are {@code spark-submit}'s own), plus
 * {@code --now}: the instant the future-time limit is taken at, which the launching command passes
 * so that the limit it records is the one the job applied.
 *
 * @param repository the feature repository directory
 * @param spec the training set to build
 * @param now the instant of the future-time limit, if not the job's clock
 */
record JobArguments(Path repository, TrainingSetSpec spec, Optional<Instant> now) {
  static final String COMMAND = "training-set";
  static final String USAGE = "usage: training-set [-r DIR] (--service NAME | --features V:F,...) --entities PATH"
      + " --out DIR [--as-of-created TS] [--plain-names] [--now TS]";
  private static final Set<String> VALUED =
      Set.of("-r", "--repo", "--service", "--features", "--entities", "--out", "--as-of-created", "--now");

  JobArguments {
    requireNonNull(repository, "repository is null");
    requireNonNull(spec, "spec is null");
    requireNonNull(now, "now is null");
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException naming the flag at fault, with the usage
   */
  static JobArguments parse(String... args) {
    Flags flags = Flags.parse(COMMAND, USAGE, args, VALUED, Set.of(), Set.of("--plain-names"));
    if (flags.has("--service") == flags.has("--features")) {
      throw flags.usage("give one of --service and --features");
    }
    FeatureSelector selector = flags.value("--service").map(FeatureSelector::service)
        .orElseGet(() -> FeatureSelector.features(flags.commaList("--features").orElseThrow()));
    TrainingSetSpec spec = new TrainingSetSpec(selector, Path.of(flags.required("--entities")),
        Path.of(flags.required("--out")), flags.timestamp("--as-of-created"), !flags.has("--plain-names"));
    return new JobArguments(Path.of(flags.value("--repo").orElse(".")), spec, flags.timestamp("--now"));
  }
}
