package dev.parity.offline.spark.job;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSetSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The job's command line: {@code training-set [-r DIR] (--service NAME | --features V:F,...)
 * --entities PATH --out DIR [--as-of-created TS] [--plain-names] [--now TS]}, the {@code parity
 * training-set} flags (the engine flags are {@code spark-submit}'s own), plus {@code --now}: the
 * instant the future-time limit is taken at, which the launching command passes so that the limit
 * it records is the one the job applied.
 *
 * @param repository the feature repository directory
 * @param spec the training set to build
 * @param now the instant of the future-time limit, if not the job's clock
 */
record JobArguments(Path repository, TrainingSetSpec spec, Optional<Instant> now) {
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
    if (args.length == 0 || !args[0].equals("training-set")) {
      throw usage("the first argument must be the command, training-set");
    }
    Map<String, String> values = new HashMap<>();
    boolean plainNames = false;
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--plain-names")) {
        plainNames = true;
      } else if (VALUED.contains(flag)) {
        if (i + 1 == args.length) {
          throw usage(flag + " needs a value");
        }
        String key = flag.equals("-r") ? "--repo" : flag;
        if (values.put(key, args[++i]) != null) {
          throw usage(flag + " is given twice");
        }
      } else {
        throw usage("unknown argument '" + flag + "'");
      }
    }
    if (values.containsKey("--service") == values.containsKey("--features")) {
      throw usage("give one of --service and --features");
    }
    FeatureSelector selector = values.containsKey("--service") ? FeatureSelector.service(values.get("--service"))
        : FeatureSelector.features(commaList(values.get("--features")));
    TrainingSetSpec spec = new TrainingSetSpec(selector, Path.of(required(values, "--entities")),
        Path.of(required(values, "--out")), timestamp(values, "--as-of-created"), !plainNames);
    return new JobArguments(Path.of(values.getOrDefault("--repo", ".")), spec, timestamp(values, "--now"));
  }

  private static String required(Map<String, String> values, String flag) {
    String value = values.get(flag);
    if (value == null) {
      throw usage(flag + " is required");
    }
    return value;
  }

  private static Optional<Instant> timestamp(Map<String, String> values, String flag) {
    return Optional.ofNullable(values.get(flag)).map(v -> {
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException e) {
        throw usage(flag + " '" + v + "' is not an ISO-8601 timestamp such as 2026-01-31T00:00:00Z");
      }
    });
  }

  private static List<String> commaList(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static IllegalArgumentException usage(String problem) {
    return new IllegalArgumentException(problem + "\n" + USAGE);
  }
}
