package dev.parity.offline.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on loopback: a master and {@code workers} workers, each a child JVM
 * running Spark's own {@code Master} / {@code Worker} on a {@link TestSparkInstallation}, on ports
 * the system picks (read back from their logs). {@link #close} stops every process it started,
 * with the executors the workers launched, also when starting failed half-way.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");

  private final List<Process> processes = new ArrayList<>();
  final String masterUrl;
  final List<Path> workDirs = new ArrayList<>();

  StandaloneCluster(TestSparkInstallation spark, Path dir, int workers) {
    try {
      Files.createDirectories(dir);
      CompletableFuture<String> master = new CompletableFuture<>();
      start(spark, dir.resolve("master.log"), master, MASTER_URL, spark.javaCommand("256m",
          "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0", "--webui-port", "0"));
      this.masterUrl = await(master, dir.resolve("master.log"));
      List<CompletableFuture<String>> registered = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        Path work = Files.createDirectories(dir.resolve("worker-" + w));
        workDirs.add(work);
        CompletableFuture<String> ready = new CompletableFuture<>();
        registered.add(ready);
        start(spark, dir.resolve("worker-" + w + ".log"), ready, Pattern.compile("(Successfully registered with master)"),
            spark.javaCommand("256m", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port", "0",
                "--webui-port", "0", "--cores", "1", "--memory", "1g", "--work-dir", work.toString(), masterUrl));
      }
      for (int w = 0; w < workers; w++) {
        await(registered.get(w), dir.resolve("worker-" + w + ".log"));
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts a process whose log is copied to {@code log}; {@code ready} completes with the pattern's group 1. */
  private void start(TestSparkInstallation spark, Path log, CompletableFuture<String> ready, Pattern readyLine,
      List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SPARK_HOME", spark.home.toString());
    // The launcher library asks for it when it builds an executor's command line.
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    processes.add(process);
    Thread copier = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          out.println(line);
          Matcher m = readyLine.matcher(line);
          if (m.find()) {
            ready.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IllegalStateException("the process ended (exit " + process.exitValue() + ")"));
    }, "spark-log-" + log.getFileName());
    copier.setDaemon(true);
    copier.start();
  }

  private static String await(CompletableFuture<String> ready, Path log) {
    try {
      return ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the cluster", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("a cluster process did not start: " + e + "; its log: " + tail(log), e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** The applications' executor directories the workers created ({@code app-*}/N). */
  List<Path> executorDirs(Path workDir) {
    try (var apps = Files.walk(workDir, 2)) {
      return apps.filter(p -> p.getNameCount() == workDir.getNameCount() + 2 && Files.isDirectory(p)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the workers (and the executors they launched), then the master, and waits for each. */
  @Override
  public void close() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      List<ProcessHandle> children = process.descendants().toList();
      process.destroy();
      children.forEach(ProcessHandle::destroy);
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
        for (ProcessHandle child : children) {
          child.onExit().get(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
      } catch (ExecutionException | TimeoutException e) {
        children.forEach(ProcessHandle::destroyForcibly);
      }
    }
    processes.clear();
  }
}
