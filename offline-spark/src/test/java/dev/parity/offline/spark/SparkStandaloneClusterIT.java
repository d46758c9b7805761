package dev.parity.offline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.spark.ChildProcess.Run;
import dev.parity.online.FeatureValue;
import dev.parity.online.RedisConnectionConfig;
import dev.parity.online.testing.TestRedis;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine end to end on a real standalone cluster (a master and two workers on loopback,
 * {@link StandaloneCluster}, from Spark's own jars): {@code parity training-set --engine spark
 * --master spark://...} (the server's parity.jar) runs parity-spark.jar with {@code spark-submit};
 * the executors the workers launch compute it; the command records it in the metadata store like
 * the embedded run after it, and both outputs are equal cell by cell. {@code parity materialize
 * --engine spark} likewise: the executors write to Redis, and what is served online after it at T
 * is the embedded training set at T ({@link OnlineConsistency}).
 */
class SparkStandaloneClusterIT {
  @TempDir static Path dir;
  private static StandaloneCluster cluster;
  private static TestSparkInstallation spark;

  @BeforeAll
  static void startCluster() {
    spark = TestSparkInstallation.create(dir.resolve("spark-home"));
    cluster = new StandaloneCluster(spark, dir.resolve("cluster"), 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aTrainingSetOnTheClusterEqualsTheEmbeddedOneAndIsRecordedLikeIt() throws Exception {
    Path repo = dir.resolve("repo");
    ParitySparkJobTest.writeRepository(repo, 21);
    Run apply = ChildProcess.parity(spark, dir, "apply", "-r", repo.toString());
    assertThat(apply.status()).as(apply.err()).isZero();

    Path sparkOut = repo.resolve("spark-out");
    // One core per executor on each worker: both take part (spark.cores.max=2).
    Run onSpark = ChildProcess.parity(spark, dir, "training-set", "-r", repo.toString(), "--service", "ranking",
        "--entities", repo.resolve("entities").toString(), "--out", sparkOut.toString(), "--engine", "spark",
        "--master", cluster.masterUrl, "--conf", "spark.executor.memory=512m", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.sql.shuffle.partitions=4");
    assertThat(onSpark.status()).as(onSpark.err()).isZero();
    assertThat(onSpark.out()).startsWith("Training set 1: 330 rows, 9 columns written to " + sparkOut);

    Path embeddedOut = repo.resolve("embedded.parquet");
    Run embedded = ChildProcess.parity(spark, dir, "training-set", "-r", repo.toString(), "--service", "ranking",
        "--entities", repo.resolve("entities").toString(), "--out", embeddedOut.toString());
    assertThat(embedded.status()).as(embedded.err()).isZero();
    assertThat(embedded.out()).startsWith("Training set 2: 330 rows, 9 columns written to " + embeddedOut);

    SameCells.assertSameCells(embeddedOut, sparkOut);
    // The work was the cluster's: each worker launched an executor for the job.
    for (Path work : cluster.workDirs) {
      assertThat(cluster.executorDirs(work)).as("executors of %s", work).isNotEmpty();
    }
  }

  @Test
  void aMaterializationOnTheClusterServesTheEmbeddedTrainingSetAtTheSameTime() {
    String redis = TestRedis.standaloneUrl();
    String project = MaterializationFixture.project("cluster");
    Path repo = dir.resolve("materialized");
    MaterializationFixture.writeForCommand(repo, 37, project, redis);
    Run apply = ChildProcess.parity(spark, dir, "apply", "-r", repo.toString());
    assertThat(apply.status()).as(apply.err()).isZero();
    Instant t = Fixtures.instant(Fixtures.T0 + 200 * Fixtures.MINUTE);
    List<Integer> executorsBefore = cluster.workDirs.stream().map(w -> cluster.executorDirs(w).size()).toList();

    Run onCluster = ChildProcess.parity(spark, dir, "materialize", "-r", repo.toString(), "--start",
        Fixtures.instant(Fixtures.T0 - 60 * Fixtures.MINUTE).toString(), "--end", t.toString(), "--engine", "spark",
        "--master", cluster.masterUrl, "--conf", "spark.executor.memory=512m", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.sql.shuffle.partitions=4");

    assertThat(onCluster.status()).as(onCluster.err()).isZero();
    assertThat(onCluster.out()).contains("Materialized 3 views: ");
    FeatureRepository repository = new RepositoryLoader(SourceSchemaResolver.none(), Map.of()).load(repo);
    List<OnlineConsistency.Served> served = OnlineConsistency.assertServesTheTrainingSet(repository,
        RedisConnectionConfig.standalone(redis), project, t, dir.resolve("consistency"));
    assertThat(served).filteredOn(v -> v.status() == FeatureValue.Status.PRESENT).hasSizeGreaterThan(500);
    // The writes were the cluster's: each worker launched an executor for the job.
    for (int w = 0; w < cluster.workDirs.size(); w++) {
      assertThat(cluster.executorDirs(cluster.workDirs.get(w))).as("executors of worker %d", w)
          .hasSizeGreaterThan(executorsBefore.get(w));
    }
  }
}
