package dev.parity.server.spark;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.OfflineEngineConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs {@code parity-spark.jar} with {@code $SPARK_HOME/bin/spark-submit}: the Spark engine as a
 * child process, so that Spark's class path (its Jackson, Netty and Scala) never meets this
 * process's. {@code spark-submit} rather than a child {@code java} with a class path of our own
 * because it is how a cluster's Spark is meant to be reached: it brings the installation's jars,
 * its {@code conf/spark-defaults.conf}, Java 17's module flags and every deploy mode.
 *
 * <p>The job's output (Spark's log included) goes to a log file; its {@code parity-spark:} lines
 * are passed on as progress, and its one-line failure reason becomes the exception's message.
 * Thread-safe: each {@link #run} has its own process.
 */
public final class SparkSubmit {
  /** The Spark installation whose {@code bin/spark-submit} runs the job. */
  public static final String SPARK_HOME_ENV = "SPARK_HOME";
  /** Where {@code parity-spark.jar} is, if not beside the running {@code parity.jar}. */
  public static final String JAR_ENV = "PARITY_SPARK_JAR";
  static final String MAIN_CLASS = "dev.parity.offline.spark.job.ParitySparkJob";
  static final String LINE_PREFIX = "parity-spark: ";
  static final String ERROR_PREFIX = "parity-spark: error: ";

  private final Path sparkSubmit;
  private final Path jar;

  SparkSubmit(Path sparkSubmit, Path jar) {
    this.sparkSubmit = requireNonNull(sparkSubmit, "sparkSubmit is null");
    this.jar = requireNonNull(jar, "jar is null");
  }

  /**
   * Finds {@code spark-submit} under {@value #SPARK_HOME_ENV} and the job jar at {@value #JAR_ENV}
   * or beside the running {@code parity.jar} (as {@code parity-spark.jar}, or where this source
   * tree builds it: {@code offline-spark/target/parity-spark.jar}).
   *
   * @param environment {@code System.getenv()} in production
   * @throws SparkJobException saying what is missing and how to provide it
   */
  public static SparkSubmit locate(Map<String, String> environment) {
    String home = environment.getOrDefault(SPARK_HOME_ENV, "");
    if (home.isBlank()) {
      throw new SparkJobException("--engine spark needs Apache Spark 4: set " + SPARK_HOME_ENV
          + " to a Spark installation (its bin/spark-submit runs parity-spark.jar)");
    }
    Path submit = Path.of(home.strip(), "bin", "spark-submit");
    if (!Files.isExecutable(submit)) {
      throw new SparkJobException(SPARK_HOME_ENV + "=" + home + " is not a Spark installation: no executable "
          + submit);
    }
    return new SparkSubmit(submit, jar(environment));
  }

  private static Path jar(Map<String, String> environment) {
    String configured = environment.getOrDefault(JAR_ENV, "");
    if (!configured.isBlank()) {
      Path jar = Path.of(configured.strip());
      if (!Files.isRegularFile(jar)) {
        throw new SparkJobException(JAR_ENV + "=" + configured + " is not a file");
      }
      return jar;
    }
    List<Path> candidates = new ArrayList<>();
    runningJarDirectory().ifPresent(dir -> {
      candidates.add(dir.resolve("parity-spark.jar"));
      candidates.add(dir.resolve("../../offline-spark/target/parity-spark.jar").normalize());
    });
    return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new SparkJobException(
        "parity-spark.jar not found (looked at " + candidates + "): build it with "
            + "'mvn -B -DskipTests -pl offline-spark -am package' or set " + JAR_ENV));
  }

  private static Optional<Path> runningJarDirectory() {
    try {
      var source = SparkSubmit.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.ofNullable(Path.of(source.getLocation().toURI()).getParent());
    } catch (URISyntaxException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** The command line {@link #run} starts. */
  List<String> command(OfflineEngineConfig engine, List<String> jobArguments) {
    List<String> command = new ArrayList<>(List.of(sparkSubmit.toString()));
    engine.sparkMaster().ifPresent(master -> command.addAll(List.of("--master", master)));
    engine.sparkConf().forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
    command.addAll(List.of("--name", "parity " + jobArguments.get(0), "--class", MAIN_CLASS, jar.toString()));
    command.addAll(jobArguments);
    return command;
  }

  /**
   * Runs the job to its end, its output written to {@code log} (kept when the job fails, deleted
   * when it succeeds).
   *
   * @param progress receives the job's {@code parity-spark:} lines, without the prefix
   * @throws SparkJobException if the job cannot start or fails, with its reason and the log's path
   */
  public void run(OfflineEngineConfig engine, List<String> jobArguments, Path log, Consumer<String> progress) {
    requireNonNull(log, "log is null");
    Process process;
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      process = new ProcessBuilder(command(engine, jobArguments)).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new SparkJobException("cannot run " + sparkSubmit + ": " + e.getMessage(), e);
    }
    String reason = null;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      process.getOutputStream().close();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        out.write(line);
        out.newLine();
        if (line.startsWith(ERROR_PREFIX)) {
          reason = line.substring(ERROR_PREFIX.length());
        } else if (line.startsWith(LINE_PREFIX)) {
          progress.accept(line.substring(LINE_PREFIX.length()));
        }
      }
      int status = process.waitFor();
      if (status == 0) {
        out.close();
        Files.deleteIfExists(log);
        return;
      }
      throw new SparkJobException((reason != null ? reason : "spark-submit exited with status " + status)
          + " (the job's log: " + log + ")");
    } catch (IOException e) {
      throw new SparkJobException("cannot read the Spark job's output: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SparkJobException("interrupted while the Spark job ran; it was stopped", e);
    } finally {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
      }
    }
  }
}
