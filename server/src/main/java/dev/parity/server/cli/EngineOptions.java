package dev.parity.server.cli;

import dev.parity.ParityException;
import dev.parity.definitions.OfflineEngineConfig;
import dev.parity.definitions.OfflineEngineConfig.Engine;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * The offline engine flags a job command takes ({@code training-set}, {@code materialize} and
 * {@code materialize-incremental}): {@code --engine embedded|spark},
 * {@code --master URL} and repeatable {@code --conf spark.key=value}, over what {@code parity.yaml}
 * says ({@code offline: {engine, spark: {master, conf}}}): a flag wins over the file, and {@code
 * --conf} entries are added to the file's.
 */
final class EngineOptions {
  private static final String ENGINE = "engine";
  private static final String MASTER = "sparkMaster";
  private static final String CONF = "sparkConf";

  private EngineOptions() {}

  /** Adds the flags to a command. */
  static void addTo(Subparser subparser) {
    subparser.addArgument("--engine").dest(ENGINE).metavar("ENGINE")
        .choices(Arrays.stream(Engine.values()).map(Engine::configName).toList())
        .help("the offline engine: embedded (this process) or spark (parity-spark.jar run by $SPARK_HOME/bin/"
            + "spark-submit); default: offline.engine in parity.yaml, else embedded");
    subparser.addArgument("--master").dest(MASTER).metavar("URL")
        .help("Spark master URL (local[N], spark://HOST:PORT, yarn, k8s://...) for --engine spark; default: "
            + "offline.spark.master in parity.yaml (one of the two is required)");
    subparser.addArgument("--conf").dest(CONF).metavar("KEY=VALUE").action(Arguments.append())
        .help("a Spark property for --engine spark (repeatable), added to offline.spark.conf in parity.yaml");
  }

  /**
   * The engine a run uses: the flags over {@code configured}.
   *
   * @throws ParityException for a master URL Spark does not know, the Spark engine without a
   *     master, a {@code --conf} that is not {@code spark.key=value}, or Spark flags given to the
   *     embedded engine
   */
  static OfflineEngineConfig resolve(Namespace namespace, OfflineEngineConfig configured) {
    Engine engine = Optional.ofNullable(namespace.getString(ENGINE)).flatMap(Engine::named)
        .orElse(configured.engine());
    Optional<String> master = Optional.ofNullable(namespace.getString(MASTER));
    List<String> confFlags = Optional.ofNullable(namespace.<String>getList(CONF)).orElse(List.of());
    if (engine == Engine.EMBEDDED && (master.isPresent() || !confFlags.isEmpty())) {
      throw new ParityException((master.isPresent() ? "--master" : "--conf")
          + " applies to the Spark engine; add --engine spark (or set offline.engine: spark in parity.yaml)");
    }
    master.flatMap(OfflineEngineConfig::masterProblem).ifPresent(problem -> {
      throw new ParityException("--master " + problem);
    });
    Map<String, String> conf = new LinkedHashMap<>(configured.sparkConf());
    for (String entry : confFlags) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || !entry.startsWith("spark.")) {
        throw new ParityException("--conf '" + entry + "' is not a Spark property such as spark.executor.memory=4g");
      }
      conf.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    Optional<String> resolvedMaster = master.or(configured::sparkMaster);
    // Required rather than left to spark-submit, whose default (local[*] unless the installation's
    // spark-defaults.conf says otherwise) would silently run a "cluster" job on this machine.
    if (engine == Engine.SPARK && resolvedMaster.isEmpty()) {
      throw new ParityException("the Spark engine needs a master: give --master URL (local[2], spark://HOST:PORT, "
          + "yarn, k8s://...) or set offline.spark.master in parity.yaml");
    }
    return new OfflineEngineConfig(engine, resolvedMaster, conf);
  }
}
