package dev.parity.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The shaded jar run as a separate process, as the packaged-jar tests ({@code *IT}, run by failsafe
 * after the jar is built) launch it: its path comes from the system property {@code parity.jar},
 * which the build sets. Each test says what it changes in the environment the process inherits and
 * how long a command may take. Thread-safe: every call starts a process and output files of its own.
 */
public final class PackagedJar {
  /** What a finished process left: its exit code and the whole of its stdout and stderr (UTF-8). */
  public record Run(int exitCode, String out, String err) {}

  private PackagedJar() {}

  /** The shaded jar; fails the test when the build did not name it or did not build it. */
  public static Path jar() {
    String property = System.getProperty("parity.jar");
    assertThat(property).as("system property parity.jar (set by the build)").isNotBlank();
    Path jar = Path.of(property);
    assertThat(jar).as("the shaded jar; run mvn verify").isRegularFile();
    return jar;
  }

  /**
   * {@code java -jar parity.jar args...} with this JVM's {@code java}, the {@code --add-opens} flag
   * Arrow needs and the UTC time zone the build's tests run in.
   */
  public static List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Duser.timezone=UTC", "-jar", jar().toString()));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Runs {@code command} to its end, its stdout and stderr going to new files in
   * {@code outputDirectory} (files, not pipes, so a chatty process never blocks on a full pipe).
   *
   * @param environment edits the environment the process would inherit from this JVM (removes or
   *     sets variables) before it starts
   * @throws AssertionError when the process does not finish within {@code timeout} (it is then
   *     killed) or the thread is interrupted while waiting (the interrupt flag is restored)
   * @throws UncheckedIOException when the process cannot start or its output cannot be read
   */
  public static Run run(List<String> command, Consumer<Map<String, String>> environment, Duration timeout,
      Path outputDirectory) {
    String shown = String.join(" ", command);
    try {
      Path out = Files.createTempFile(outputDirectory, "out", ".txt");
      Path err = Files.createTempFile(outputDirectory, "err", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      environment.accept(builder.environment());
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(shown + " did not finish in " + timeout.toSeconds() + " s");
      }
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + shown, e);
    }
  }

  /**
   * A port nothing listens on now, on any address (so also on the loopback one), for a process
   * the test starts to listen on.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
