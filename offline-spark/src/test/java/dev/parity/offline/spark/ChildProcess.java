package dev.parity.offline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the programs the integration tests drive as real processes: {@code parity} (the server
 * module's {@code parity.jar}, the command line a user runs) and {@code spark-submit} of a {@link
 * TestSparkInstallation}. Output goes to files under a directory (not pipes a test might not
 * drain); a process and its children are stopped if it does not finish.
 */
final class ChildProcess {
  private static final long TIMEOUT_MINUTES = 15;

  /** A finished process: its exit status, stdout and stderr. */
  record Run(int status, String out, String err) {}

  private ChildProcess() {}

  /**
   * Runs {@code parity ARGS} from the server's {@code parity.jar} with Spark found through {@code
   * SPARK_HOME} (the test installation) and the job jar this module built.
   */
  static Run parity(TestSparkInstallation spark, Path dir, String... args) {
    Path jar = Path.of(System.getProperty("parity.jar"));
    assertThat(jar).as("the server's parity.jar: 'mvn -B verify' at the root builds it before this module "
        + "(alone: mvn -B -DskipTests -pl server -am package)").isRegularFile();
    List<String> command = new ArrayList<>(List.of(TestSparkInstallation.java(), "-Xmx512m",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Duser.timezone=UTC", "-jar", jar.toString()));
    command.addAll(List.of(args));
    return run(command, Map.of("SPARK_HOME", spark.home.toString(), "PARITY_SPARK_JAR", jobJar().toString(),
        "SPARK_LOCAL_IP", "127.0.0.1"), dir);
  }

  /** {@code parity-spark.jar}, which this module's package phase builds. */
  static Path jobJar() {
    Path jar = Path.of(System.getProperty("parity.spark.jar"));
    assertThat(jar).as("parity-spark.jar, built by this module's package phase (run by failsafe after it)")
        .isRegularFile();
    return jar;
  }

  /** Runs {@code command} with {@code environment} added to this one's, its output in files under {@code dir}. */
  static Run run(List<String> command, Map<String, String> environment, Path dir) {
    try {
      Files.createDirectories(dir);
      Path out = Files.createTempFile(dir, "process", ".out");
      Path err = Files.createTempFile(dir, "process", ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      try {
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          throw new AssertionError(command + " did not finish in " + TIMEOUT_MINUTES + " minutes; stderr: "
              + Files.readString(err));
        }
      } finally {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
      }
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while " + command + " ran", e);
    }
  }
}
