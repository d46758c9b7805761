package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which offline engine builds training sets ({@code offline: {engine, spark: {master, conf}}} in
 * {@code parity.yaml}; {@code --engine} and {@code --master} on the command line win).
 *
 * @param engine the engine
 * @param sparkMaster the Spark master URL ({@code spark.master}) when the engine is Spark; empty
 *     leaves it to {@code spark-submit}'s own configuration
 * @param sparkConf further Spark properties ({@code spark.executor.memory: 4g}...), in order
 */
public record OfflineEngineConfig(Engine engine, Optional<String> sparkMaster, Map<String, String> sparkConf) {
  // local, local[4], local[*], local[4,2], local-cluster[2,1,1024], spark://h:p[,h:p...], yarn, k8s://...
  private static final Pattern MASTER = Pattern.compile(
      "local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[\\d+,\\d+,\\d+]|spark://[^\\s/:,]+:\\d+(,[^\\s/:,]+:\\d+)*"
          + "|yarn|k8s://\\S+|mesos://\\S+");

  /** An offline engine. */
  public enum Engine {
    /** The embedded engine (this process, docs/offline.md). */
    EMBEDDED,
    /** Apache Spark: the {@code parity-spark.jar} job run by {@code spark-submit}. */
    SPARK;

    /** The name in {@code parity.yaml} and on the command line. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The engine called {@code name}, if any. */
    public static Optional<Engine> named(String name) {
      return Arrays.stream(values()).filter(e -> e.configName().equals(name)).findFirst();
    }

    /** The names, for messages. */
    public static String names() {
      return String.join(", ", Arrays.stream(values()).map(Engine::configName).toList());
    }
  }

  public OfflineEngineConfig {
    requireNonNull(engine, "engine is null");
    requireNonNull(sparkMaster, "sparkMaster is null");
    sparkMaster.flatMap(OfflineEngineConfig::masterProblem).ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    sparkConf = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(sparkConf, "sparkConf is null")));
    sparkConf.keySet().forEach(key -> {
      if (!key.startsWith("spark.")) {
        throw new IllegalArgumentException("Spark property '" + key + "' must start with 'spark.'");
      }
    });
  }

  /** The embedded engine: the default. */
  public static OfflineEngineConfig embedded() {
    return new OfflineEngineConfig(Engine.EMBEDDED, Optional.empty(), Map.of());
  }

  /**
   * Why {@code master} is not a Spark master URL ({@code local[N]}, {@code spark://host:port},
   * {@code yarn}, {@code k8s://...}), or empty if it is one.
   */
  public static Optional<String> masterProblem(String master) {
    requireNonNull(master, "master is null");
    if (MASTER.matcher(master).matches()) {
      return Optional.empty();
    }
    return Optional.of("'" + master + "' is not a Spark master URL (local[N], spark://HOST:PORT, yarn or k8s://...)");
  }
}
