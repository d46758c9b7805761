package dev.parity.server.spark;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FutureTimeLimit;
import dev.parity.definitions.OfflineEngineConfig;
import dev.parity.offline.Progress;
import dev.parity.offline.SkippedRows;
import dev.parity.registry.metadata.RunCounts;
import dev.parity.server.core.ViewMaterialization;
import dev.parity.server.core.ViewMaterializer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Materialization by the Spark job ({@link SparkSubmit}, {@code parity-spark.jar materialize}):
 * every view in one job, whose executors compute the latest values and write them to the online
 * store. The job reports each view in a line as it finishes ({@code materialized VIEW
 * rows_read=... }) and its progress in lines ({@code progress read|partitions|written ...}); this
 * class turns them into the {@link ViewMaterialization}s and {@link Progress} calls of the
 * embedded engine, so {@link dev.parity.server.core.MaterializationService} records the runs the
 * same way. The job gets the views' own starts ({@code --view-start}: an incremental run's), the
 * online store's expiry grace, and {@code --now}: the instant of the future-time limit recorded
 * here. Thread-safe: each call runs its own job.
 */
public final class SparkMaterializer implements ViewMaterializer {
  private static final String PROGRESS = "progress ";
  private static final String MATERIALIZED = "materialized ";
  private static final String FAILED = "failed ";
  private final SparkSubmit submit;
  private final OfflineEngineConfig engine;
  private final Clock clock;
  private final Duration expiryGrace;
  private final Path logDirectory;

  /**
   * @param expiryGrace the online store's expiry grace, which the executors write with
   * @param logDirectory where a job's log is written (kept if the job fails)
   */
  public SparkMaterializer(SparkSubmit submit, OfflineEngineConfig engine, Clock clock, Duration expiryGrace,
      Path logDirectory) {
    this.submit = requireNonNull(submit, "submit is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.expiryGrace = requireNonNull(expiryGrace, "expiryGrace is null");
    this.logDirectory = requireNonNull(logDirectory, "logDirectory is null");
  }

  @Override
  public void materialize(FeatureRepository repository, List<ViewRun> views, Instant end, Progress progress,
      ViewResults results) {
    if (views.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    FutureTimeLimit limit = repository.config().futureTimeLimit(Clock.fixed(now, ZoneOffset.UTC));
    Map<String, ViewRun> byName = new LinkedHashMap<>();
    views.forEach(run -> byName.put(run.view().name(), run));
    Path log = logDirectory.resolve("materialize-" + now.toEpochMilli() + ".log");
    submit.run(engine, arguments(repository, views, end, now, expiryGrace), log, line -> {
      if (line.startsWith(PROGRESS)) {
        progress(line.substring(PROGRESS.length()), progress);
      } else if (line.startsWith(MATERIALIZED)) {
        Report report = Report.parse(line.substring(MATERIALIZED.length()));
        ViewRun run = run(byName, report.view());
        results.succeeded(new ViewMaterialization(report.view(), run.view().version(), Optional.of(run.runId()),
            run.start(), end, report.count("rows_read"), report.count("entities"), report.count("written"),
            report.count("unchanged"), Optional.of(limit),
            new SkippedRows(report.count("beyond_future_limit"), report.count("null_keys"))));
      } else if (line.startsWith(FAILED)) {
        Report report = Report.parse(line.substring(FAILED.length()));
        run(byName, report.view());
        results.failed(report.view(), new RunCounts(0, report.count("written"), report.count("entities")));
      }
    });
  }

  /** {@code parity materialize}'s arguments for the job, the repository's path absolute. */
  static List<String> arguments(FeatureRepository repository, List<ViewRun> views, Instant end, Instant now,
      Duration expiryGrace) {
    List<String> args = new ArrayList<>(List.of("materialize", "--repo",
        repository.root().toAbsolutePath().normalize().toString(), "--end", end.toString(), "--views",
        String.join(",", views.stream().map(run -> run.view().name()).toList())));
    for (ViewRun run : views) {
      run.start().ifPresent(start -> args.addAll(List.of("--view-start", run.view().name() + "=" + start)));
    }
    args.addAll(List.of("--now", now.toString(), "--expiry-grace", expiryGrace.toString()));
    return args;
  }

  private static ViewRun run(Map<String, ViewRun> runs, String view) {
    ViewRun run = runs.get(view);
    if (run == null) {
      throw new SparkJobException("the Spark job reported view '" + view + "', which it was not asked to materialize");
    }
    return run;
  }

  private static void progress(String event, Progress progress) {
    String[] parts = event.split(" ");
    try {
      switch (parts[0]) {
        case "read" -> progress.rowsRead(parts[1], Long.parseLong(parts[2]));
        case "partitions" -> progress.partitionDone(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
        case "written" -> progress.rowsWritten(Long.parseLong(parts[1]));
        default -> { } // a later job's event this command does not show
      }
    } catch (RuntimeException e) {
      throw new SparkJobException("the Spark job's progress line 'progress " + event + "' is not one parity-spark.jar"
          + " writes: is it of another Parity version?", e);
    }
  }

  /** {@code VIEW key=count key=count...}. */
  private record Report(String view, Map<String, Long> counts) {
    static Report parse(String text) {
      String[] parts = text.strip().split(" ");
      Map<String, Long> counts = new HashMap<>();
      for (int i = 1; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        try {
          counts.put(parts[i].substring(0, eq), Long.parseLong(parts[i].substring(eq + 1)));
        } catch (RuntimeException e) {
          throw new SparkJobException("the Spark job's report '" + text + "' is not one parity-spark.jar writes", e);
        }
      }
      return new Report(parts[0], counts);
    }

    long count(String key) {
      Long value = counts.get(key);
      if (value == null) {
        throw new SparkJobException("the Spark job's report on " + view + " has no " + key
            + ": is parity-spark.jar of another Parity version?");
      }
      return value;
    }
  }
}
