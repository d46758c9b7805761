package dev.parity.offline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.offline.spark.ChildProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parity training-set --engine spark --master local[2]} as a user runs it: the server's
 * parity.jar (which has no Spark on its class path) finds {@code spark-submit} under {@code
 * SPARK_HOME}, runs parity-spark.jar, and records the result; the same command on the embedded
 * engine gives the same cells, on-demand features included, and the run is recorded so that a
 * skew report finds it by id. Also {@code offline.engine: spark} in parity.yaml, and a job that
 * fails inside Spark reported in one line with its log kept.
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
}
