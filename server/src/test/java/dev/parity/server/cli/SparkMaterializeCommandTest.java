package dev.parity.server.cli;

import static dev.parity.server.cli.CommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.server.spark.SparkSubmit;
import dev.parity.server.testing.InProcessCli.Result;
import dev.parity.server.testing.SampleRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code materialize --engine spark} and {@code materialize-incremental --engine spark}: what
 * {@code spark-submit} is given, and how the job's report lines become the runs the metadata
 * store records, the result lines and the progress, as for the embedded engine. The {@code
 * spark-submit} here is a script that records its arguments and prints what the job would; the
 * real job (values written, compared with the embedded engine's) runs in offline-spark's
 * SparkEngineCommandIT and SparkStandaloneClusterIT.
 */
class SparkMaterializeCommandTest {
  private static final String START = "2025-12-01T00:00:00Z";
  private static final String END = "2026-01-20T00:00:00Z";
  private static final String LATER = "2026-01-31T00:00:00Z";
  private static final String VIEWS = "driver_hourly_stats,driver_activity,customer_profile";
  @TempDir Path temp;
  private Path repo;

  @BeforeEach
  void createAndApplyRepository() {
    repo = SampleRepository.create(temp.resolve("drivers"));
    assertThat(run(Map.of(), "apply", "-r", repo.toString()).failure()).isEmpty();
  }

  /**
   * A SPARK_HOME whose spark-submit writes its arguments to args.txt, then prints {@code lines}
   * and exits with {@code status}.
   */
  private Map<String, String> fakeSpark(int status, String... lines) throws Exception {
    Path home = temp.resolve("spark");
    Files.createDirectories(home.resolve("bin"));
    Path submit = home.resolve("bin/spark-submit");
    StringBuilder script = new StringBuilder("#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + temp.resolve("args.txt") + "'\n"
        + "echo 'INFO SparkContext: Running Spark version 4.2.0'\n");
    for (String line : lines) {
      script.append("echo '").append(line).append("'\n");
    }
    script.append("exit ").append(status).append('\n');
    Files.writeString(submit, script);
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jar = temp.resolve("parity-spark.jar");
    Files.writeString(jar, "a jar");
    return Map.of(SparkSubmit.SPARK_HOME_ENV, home.toString(), SparkSubmit.JAR_ENV, jar.toString());
  }

  private static String[] onSpark(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--views", VIEWS, "--engine", "spark", "--master", "local[2]"));
    return all.toArray(String[]::new);
  }

  private List<String> submitted() throws Exception {
    return Files.readAllLines(temp.resolve("args.txt"));
  }

  private static final String[] THREE_VIEWS_DONE = {
      "parity-spark: progress read driver_hourly_stats 120",
      "parity-spark: progress partitions 1 2",
      "parity-spark: progress written 5",
      "parity-spark: progress partitions 2 2",
      "parity-spark: materialized driver_hourly_stats rows_read=120 entities=5 written=4 unchanged=1 "
          + "beyond_future_limit=2 null_keys=0",
      "parity-spark: materialized driver_activity rows_read=300 entities=7 written=7 unchanged=0 "
          + "beyond_future_limit=0 null_keys=1",
      "parity-spark: materialized customer_profile rows_read=9 entities=3 written=0 unchanged=3 "
          + "beyond_future_limit=0 null_keys=0"};

  @Test
  void theJobsReportsAreRecordedAsEmbeddedRunsAndIncrementalRunsContinueWhereTheyStoppedOnEitherEngine()
      throws Exception {
    Map<String, String> spark = fakeSpark(0, THREE_VIEWS_DONE);

    Result result = run(spark, onSpark("materialize", "-r", repo.toString(), "--start", START, "--end", END));

    assertThat(result.failure()).isEmpty();
    assertThat(result.out()).isEqualTo(
        "driver_hourly_stats [" + START + ", " + END + "]: 120 rows read, 5 entities, 4 written, 1 unchanged (run 1);"
            + " source rows skipped: 2 with an event or created time beyond 2026-02-01T00:05:00Z"
            + " (now + max_future_skew 5m)\n"
            + "driver_activity [" + START + ", " + END + "]: 300 rows read, 7 entities, 7 written, 0 unchanged (run 2);"
            + " source rows skipped: 1 with a null join key\n"
            + "customer_profile [" + START + ", " + END + "]: 9 rows read, 3 entities, 0 written, 3 unchanged (run 3)\n"
            + "Materialized 3 views: 11 online rows written.\n");
    assertThat(result.err()).contains(" rows read, 2/2 partitions, 5 rows out");
    List<String> args = submitted();
    assertThat(args.subList(0, 8)).containsExactly("--master", "local[2]", "--name", "parity materialize",
        "--class", "dev.parity.offline.spark.job.ParitySparkJob", temp.resolve("parity-spark.jar").toString(),
        "materialize");
    assertThat(args.subList(8, args.size())).containsExactly("--repo", repo.toRealPath().toString(), "--end", END,
        "--views", VIEWS, "--view-start", "driver_hourly_stats=" + START, "--view-start", "driver_activity=" + START,
        "--view-start", "customer_profile=" + START, "--now", "2026-02-01T00:00:00Z", "--expiry-grace", "PT1H");

    // Incremental on Spark: each view from where the last run ended.
    Result incremental = run(spark, onSpark("materialize-incremental", "-r", repo.toString(), "--end", LATER));
    assertThat(incremental.failure()).isEmpty();
    assertThat(incremental.out()).contains("driver_activity [" + END + ", " + LATER + "]: 300 rows read");
    assertThat(submitted()).containsSubsequence("--view-start", "driver_hourly_stats=" + END, "--view-start",
        "driver_activity=" + END, "--view-start", "customer_profile=" + END);

    // The embedded engine continues where the Spark runs stopped: here, nothing left to do.
    Result embedded = run(Map.of(), "materialize-incremental", "-r", repo.toString(), "--end", LATER);
    assertThat(embedded.failure()).isEmpty();
    assertThat(embedded.out()).contains("driver_hourly_stats: already materialized up to " + LATER + ", nothing to do",
        "customer_profile: already materialized up to " + LATER + ", nothing to do");
    Result runs = run(Map.of(), "runs", "-r", repo.toString(), "--kind", "materialization");
    assertThat(runs.out().lines()).hasSize(6).allMatch(line -> line.contains(": succeeded, started "));
  }

  @Test
  void aViewFailingInTheJobIsRecordedWithItsReasonAndCountsTheViewsBeforeItSucceedAndThoseAfterItDoNotRun()
      throws Exception {
    Map<String, String> spark = fakeSpark(1, THREE_VIEWS_DONE[4],
        "parity-spark: failed driver_activity entities=6 written=2 unchanged=0",
        "parity-spark: error: materialization of driver_activity on Spark failed after 2 online rows written "
            + "(6 entities delivered): Redis is unreachable");

    Result result = run(spark, onSpark("materialize", "-r", repo.toString(), "--start", START, "--end", END));

    assertThat(result.failure()).isPresent();
    String last = result.errLines().get(result.errLines().size() - 1);
    assertThat(last).startsWith("parity materialize: materialization of driver_activity on Spark failed after 2 "
        + "online rows written (6 entities delivered): Redis is unreachable (the job's log: ");
    Path log = Path.of(last.substring(last.indexOf("log: ") + 5, last.length() - 1));
    assertThat(log).content().contains("Running Spark version 4.2.0");
    assertThat(run(Map.of(), "runs", "-r", repo.toString(), "--kind", "materialization").out().lines().toList())
        .satisfiesExactlyInAnyOrder(
            line -> assertThat(line).contains("driver_hourly_stats", ": succeeded"),
            line -> assertThat(line).contains("driver_activity", ": failed", "Redis is unreachable"),
            line -> assertThat(line).contains("customer_profile", ": failed",
                "not run: materialization of driver_activity failed first"));
    // The failed view's run keeps what it wrote: the next incremental run starts it from the beginning.
    Map<String, String> again = fakeSpark(0, THREE_VIEWS_DONE);
    assertThat(run(again, onSpark("materialize-incremental", "-r", repo.toString(), "--end", LATER)).failure())
        .isEmpty();
    assertThat(submitted()).contains("driver_hourly_stats=" + END).noneMatch(a -> a.startsWith("driver_activity="));
  }

  @Test
  void badInputIsRefusedInOneLineBeforeSparkSubmitRuns() throws Exception {
    Map<String, String> spark = fakeSpark(0, THREE_VIEWS_DONE);

    assertThat(run(spark, "materialize", "-r", repo.toString(), "--start", START, "--end", END, "--views",
        "driver_hourly_stat", "--engine", "spark", "--master", "local[2]").errLines()).last().asString()
        .startsWith("parity materialize: unknown feature view 'driver_hourly_stat'");
    assertThat(run(spark, "materialize", "-r", repo.toString(), "--start", END, "--end", START, "--engine", "spark",
        "--master", "local[2]").errLines()).singleElement().asString()
        .isEqualTo("parity materialize: materialization start " + END + " is after its end " + START);
    assertThat(run(spark, "materialize-incremental", "-r", repo.toString(), "--end", END, "--engine", "spark",
        "--master", "spark:/h").errLines()).singleElement().asString()
        .isEqualTo("parity materialize-incremental: --master 'spark:/h' is not a Spark master URL (local[N], "
            + "spark://HOST:PORT, yarn or k8s://...)");
    assertThat(run(Map.of(), "materialize", "-r", repo.toString(), "--start", START, "--end", END, "--engine",
        "spark", "--master", "local[2]").errLines()).singleElement().asString()
        .startsWith("parity materialize: --engine spark needs Apache Spark 4: set SPARK_HOME");
    assertThat(temp.resolve("args.txt")).doesNotExist();
  }
}
