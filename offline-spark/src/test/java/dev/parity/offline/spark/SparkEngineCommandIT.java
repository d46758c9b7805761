package dev.parity.offline.spark;

import static dev.parity.offline.spark.Fixtures.MINUTE;
import static dev.parity.offline.spark.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.offline.spark.ChildProcess.Run;
import dev.parity.online.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parity training-set --engine spark --master local[2]} as a user runs it: the server's
 * parity.jar (which has no Spark on its class path) finds {@code spark-submit} under {@code
 * SPARK_HOME}, runs parity-spark.jar, and records the result; the same command on the embedded
 * engine gives the same cells, on-demand features included, and the run is recorded so that a
 * skew report finds it by id. Also {@code offline.engine: spark} in parity.yaml, and a job that
 * fails inside Spark reported in one line with its log kept. Likewise {@code parity materialize}
 * and {@code materialize-incremental}: the values stored online, the counts and the runs equal the
 * embedded engine's, and either engine continues where the other stopped.
 */
class SparkEngineCommandIT {
  @TempDir static Path dir;
  private static TestSparkInstallation spark;

  @BeforeAll
  static void installSpark() {
    spark = TestSparkInstallation.create(dir.resolve("spark-home"));
  }

  private static Path repository(String name) throws Exception {
    Path repo = dir.resolve(name);
    ParitySparkJobTest.writeRepository(repo, 34);
    Run apply = ChildProcess.parity(spark, dir, "apply", "-r", repo.toString());
    assertThat(apply.status()).as(apply.err()).isZero();
    return repo;
  }

  @Test
  void theSparkEngineOnLocalTwoGivesTheEmbeddedTrainingSetCellByCellAndRecordsIt() throws Exception {
    Path repo = repository("flags");
    Path sparkOut = repo.resolve("spark-out");
    Run onSpark = ChildProcess.parity(spark, dir, "training-set", "-r", repo.toString(), "--features",
        "trips:city_last_1h,driver_stats:tag,trips:n_30m", "--plain-names", "--entities",
        repo.resolve("entities").toString(), "--out", sparkOut.toString(), "--engine", "spark", "--master", "local[2]",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4");
    assertThat(onSpark.status()).as(onSpark.err()).isZero();
    assertThat(onSpark.out()).startsWith("Training set 1: 330 rows, 8 columns written to " + sparkOut);
    assertThat(onSpark.err()).contains("spark: entities: 330 rows");
    assertThat(sparkOut.resolve("_SUCCESS")).exists();

    Path embeddedOut = repo.resolve("embedded.parquet");
    Run embedded = ChildProcess.parity(spark, dir, "training-set", "-r", repo.toString(), "--features",
        "trips:city_last_1h,driver_stats:tag,trips:n_30m", "--plain-names", "--entities",
        repo.resolve("entities").toString(), "--out", embeddedOut.toString(), "--engine", "embedded");
    assertThat(embedded.status()).as(embedded.err()).isZero();
    assertThat(embedded.out()).startsWith("Training set 2: 330 rows, 8 columns written to " + embeddedOut);

    SameCells.assertSameCells(embeddedOut, sparkOut);
  }

  @Test
  void onDemandFeaturesOnSparkAndASkewReportAgainstTheRecordedSparkTrainingSet() throws Exception {
    Path repo = repository("skew");
    Path sparkOut = repo.resolve("spark-out");
    Run onSpark = ChildProcess.parity(spark, dir, "training-set", "-r", repo.toString(), "--service", "scoring",
        "--entities", repo.resolve("entities").toString(), "--out", sparkOut.toString(), "--engine", "spark",
        "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=3");
    assertThat(onSpark.status()).as(onSpark.err()).isZero();
    assertThat(onSpark.out()).startsWith("Training set 1: 330 rows, 10 columns written to " + sparkOut);
    Path embeddedOut = repo.resolve("embedded.parquet");
    Run embedded = ChildProcess.parity(spark, dir, "training-set", "-r", repo.toString(), "--service", "scoring",
        "--entities", repo.resolve("entities").toString(), "--out", embeddedOut.toString());
    assertThat(embedded.status()).as(embedded.err()).isZero();
    SameCells.assertSameCells(embeddedOut, sparkOut);

    // The Spark run is recorded like any other: a skew report finds it by id.
    Path json = repo.resolve("skew.json");
    Run skew = ChildProcess.parity(spark, dir, "skew-report", "-r", repo.toString(), "--service", "scoring",
        "--reference", "training-set:1", "--current", "training-set:2", "--out", repo.resolve("skew.html").toString(),
        "--json", json.toString());
    assertThat(skew.status()).as(skew.err()).isZero();
    assertThat(skew.out()).startsWith("Skew report for service scoring: PASS")
        .contains("reference: Parquet directory " + sparkOut.toRealPath())
        .contains("Recorded as report 1 in the metadata store.");
    assertThat(json).content().contains("\"described:tagged\"", "\"adjusted:conv_x\"");
  }

  @Test
  void parityYamlSelectsSparkAndItsMasterAndAFailedJobIsOneLineWithItsLogKept() throws Exception {
    Path repo = repository("yaml");
    Files.writeString(repo.resolve("parity.yaml"), "project: t\nmax_future_skew: 5m\n"
        + "offline: { engine: spark, spark: { master: 'local[2]', conf: { spark.ui.enabled: 'false' } } }\n");
    Path sparkOut = repo.resolve("spark-out");
    Run onSpark = ChildProcess.parity(spark, dir, "training-set", "-r", repo.toString(), "--service", "ranking",
        "--entities", repo.resolve("entities").toString(), "--out", sparkOut.toString());
    assertThat(onSpark.status()).as(onSpark.err()).isZero();
    assertThat(onSpark.out()).startsWith("Training set 1: 330 rows, 9 columns written to " + sparkOut);

    // A master Spark refuses only when the context starts: the job's failure, in one line.
    Run failed = ChildProcess.parity(spark, dir, "training-set", "-r", repo.toString(), "--service", "ranking",
        "--entities", repo.resolve("entities").toString(), "--out", repo.resolve("never").toString(),
        "--master", "local[0]");
    assertThat(failed.status()).isNotZero();
    String last = failed.err().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).startsWith("parity training-set: unexpected ").contains("Asked to run locally with 0 threads")
        .contains("(the job's log: ");
    Path log = Path.of(last.substring(last.indexOf("log: ") + 5, last.length() - 1));
    assertThat(log).content().contains("Running Spark version");
    assertThat(repo.resolve("never")).doesNotExist();
  }

  /** The counts of each view's result line, without rows read (the embedded engine counts whole row groups) and run ids. */
  private static List<String> counts(String out) {
    return out.lines().map(line -> line.replaceAll("\\d+ rows read, ", "").replaceAll(" \\(run \\d+\\)", ""))
        .toList();
  }

  private static final String[] ON_SPARK = {"--engine", "spark", "--master", "local[2]", "--conf",
      "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4"};

  private static Run parity(String... args) {
    return ChildProcess.parity(spark, dir, args);
  }

  private static String[] with(String[] flags, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(flags));
    return all.toArray(String[]::new);
  }

  @Test
  void materializeOnSparkStoresTheEmbeddedValuesRecordsItsRunsAndIncrementalRunsContinueOnEitherEngine() {
    String redis = TestRedis.standaloneUrl();
    String embeddedProject = MaterializationFixture.project("cli-embedded");
    String sparkProject = MaterializationFixture.project("cli-spark");
    Path embeddedRepo = dir.resolve("materialize-embedded");
    Path sparkRepo = dir.resolve("materialize-spark");
    MaterializationFixture.writeForCommand(embeddedRepo, 29, embeddedProject, redis);
    MaterializationFixture.writeForCommand(sparkRepo, 29, sparkProject, redis);
    for (Path repo : List.of(embeddedRepo, sparkRepo)) {
      Run apply = parity("apply", "-r", repo.toString());
      assertThat(apply.status()).as(apply.err()).isZero();
    }
    String start = Fixtures.instant(T0 + 100 * MINUTE).toString();
    String end = Fixtures.instant(T0 + 200 * MINUTE).toString();
    String later = Fixtures.instant(T0 + 260 * MINUTE).toString();

    Run embedded = parity("materialize", "-r", embeddedRepo.toString(), "--start", start, "--end", end);
    Run onSpark = parity(with(ON_SPARK, "materialize", "-r", sparkRepo.toString(), "--start", start, "--end", end));

    assertThat(embedded.status()).as(embedded.err()).isZero();
    assertThat(onSpark.status()).as(onSpark.err()).isZero();
    assertThat(counts(onSpark.out())).isEqualTo(counts(embedded.out()));
    assertThat(onSpark.out()).contains("zone_stats [" + start + ", " + end + "]: ")
        .contains("Materialized 3 views: ");
    // The job's progress, shown as the embedded engine's is.
    assertThat(onSpark.err().lines().filter(line -> line.startsWith("materialize: ")))
        .anyMatch(line -> line.contains("partitions") && line.contains("rows out"));
    Map<String, String> stored = MaterializationFixture.stored(List.of(redis), sparkProject);
    assertThat(stored).isNotEmpty().isEqualTo(MaterializationFixture.stored(List.of(redis), embeddedProject));

    // Each view continues at the end of its last run, whichever engine ran it.
    Run embeddedLater = parity("materialize-incremental", "-r", embeddedRepo.toString(), "--end", later);
    Run sparkLater = parity(with(ON_SPARK, "materialize-incremental", "-r", sparkRepo.toString(), "--end", later));
    assertThat(sparkLater.status()).as(sparkLater.err()).isZero();
    assertThat(sparkLater.out()).contains("driver_stats [" + end + ", " + later + "]: ");
    assertThat(counts(sparkLater.out())).isEqualTo(counts(embeddedLater.out()));
    assertThat(MaterializationFixture.stored(List.of(redis), sparkProject))
        .isNotEqualTo(stored).isEqualTo(MaterializationFixture.stored(List.of(redis), embeddedProject));
    Run upToDate = parity("materialize-incremental", "-r", sparkRepo.toString(), "--end", later);
    assertThat(upToDate.out()).contains("driver_stats: already materialized up to " + later);
    Run runs = parity("runs", "-r", sparkRepo.toString(), "--kind", "materialization");
    assertThat(runs.out().lines()).hasSize(6).allMatch(line -> line.contains(": succeeded, started "));
  }

  @Test
  void aFailedMaterializationOnSparkIsOneLineRecordedAsFailedAndLeavesTheStoredValues() {
    String redis = TestRedis.standaloneUrl();
    String project = MaterializationFixture.project("cli-failed");
    Path repo = dir.resolve("materialize-failed");
    MaterializationFixture.writeForCommand(repo, 31, project, redis);
    assertThat(parity("apply", "-r", repo.toString()).status()).isZero();
    String end = Fixtures.instant(T0 + 200 * MINUTE).toString();
    Run first = parity(with(ON_SPARK, "materialize", "-r", repo.toString(), "--start", end, "--end", end,
        "--views", "zone_stats"));
    assertThat(first.status()).as(first.err()).isZero();
    Map<String, String> stored = MaterializationFixture.stored(List.of(redis), project);

    Run unknown = parity(with(ON_SPARK, "materialize", "-r", repo.toString(), "--start", end, "--end", end,
        "--views", "zone_stat"));
    assertThat(unknown.status()).isNotZero();
    assertThat(unknown.err().strip()).startsWith("parity materialize: ").contains("unknown feature view 'zone_stat'")
        .doesNotContain("\n\tat ");

    // A master Spark refuses only when the context starts: the job's failure, in one line, its log kept.
    Run failed = parity("materialize", "-r", repo.toString(), "--start", end, "--end", end, "--engine", "spark",
        "--master", "local[0]");
    assertThat(failed.status()).isNotZero();
    String last = failed.err().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).startsWith("parity materialize: ").contains("Asked to run locally with 0 threads")
        .contains("(the job's log: ");
    assertThat(MaterializationFixture.stored(List.of(redis), project)).isEqualTo(stored);
    Run runs = parity("runs", "-r", repo.toString(), "--kind", "materialization");
    assertThat(runs.out().lines().filter(line -> line.contains(": failed, started ")))
        .hasSize(3).allMatch(line -> line.contains("Asked to run locally with 0 threads"));
  }
}
