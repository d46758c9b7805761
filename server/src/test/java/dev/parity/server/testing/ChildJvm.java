package dev.parity.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A main class of the test class path run in a JVM of its own, for tests that kill a process
 * ({@code kill -9}) and check what the next one makes of what it left. Its standard output is
 * read line by line ({@link #awaitLine}); its standard error goes to a file, shown when it fails.
 * Not thread-safe: one test drives it.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final Path err;
  private final String shown;

  private ChildJvm(Process process, Path err, String shown) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.err = err;
    this.shown = shown;
  }

  /**
   * Starts {@code java -cp <this JVM's class path> main args...} with the flags Arrow needs and
   * UTC, its environment this JVM's as {@code environment} edits it.
   */
  public static ChildJvm start(Class<?> main, List<String> args, Consumer<Map<String, String>> environment,
      Path outputDirectory) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Duser.timezone=UTC", "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), main.getName()));
    command.addAll(args);
    try {
      Files.createDirectories(outputDirectory);
      Path err = Files.createTempFile(outputDirectory, main.getSimpleName(), ".err");
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
      environment.accept(builder.environment());
      return new ChildJvm(builder.start(), err, main.getSimpleName() + " " + String.join(" ", args));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + main.getName(), e);
    }
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Reads standard output until the line {@code expected}.
   *
   * @throws AssertionError if the process ends first or says nothing of the kind within {@code
   *     timeout}, with its standard error
   */
  public void awaitLine(String expected, Duration timeout) {
    CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.equals(expected)) {
            return true;
          }
        }
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      if (!seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(shown + " ended without saying '" + expected + "'; its stderr:\n" + stderr());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + shown, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError(shown + " did not say '" + expected + "' within " + timeout + "; its stderr:\n"
          + stderr(), e);
    }
  }

  /** Kills the process as {@code kill -9} does and waits for it to be gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError(shown + " still runs a minute after kill -9");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + shown + " to die", e);
    }
  }

  /** Kills the process if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private String stderr() {
    try {
      return Files.readString(err, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
