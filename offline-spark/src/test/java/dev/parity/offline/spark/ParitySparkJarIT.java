package dev.parity.offline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.yaml.RepositoryLoader;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.Progress;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.features.TrainingSets;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.offline.spark.ChildProcess.Run;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parity-spark.jar the build produces, run as documented: {@code spark-submit --master
 * local[2] parity-spark.jar training-set ...} (its manifest names the main class), with no
 * {@code parity} command around it. Its output equals the embedded engine's cell by cell; it holds
 * Parity's classes and the Redis client's, and none of Spark's (the installation provides those).
 */
class ParitySparkJarIT {
  @TempDir static Path dir;
  private static TestSparkInstallation spark;

  @BeforeAll
  static void installSpark() {
    spark = TestSparkInstallation.create(dir.resolve("spark-home"));
  }

  private static Run sparkSubmit(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(spark.home.resolve("bin/spark-submit").toString(),
        "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
        ChildProcess.jobJar().toString()));
    command.addAll(List.of(args));
    return ChildProcess.run(command, Map.of("SPARK_LOCAL_IP", "127.0.0.1"), dir);
  }

  @Test
  void sparkSubmitOfTheJobJarWritesTheEmbeddedTrainingSet() throws Exception {
    Path repo = dir.resolve("repo");
    ParitySparkJobTest.writeRepository(repo, 55);
    Path out = repo.resolve("spark-out");

    Run run = sparkSubmit("training-set", "-r", repo.toString(), "--service", "ranking", "--entities",
        repo.resolve("entities").toString(), "--out", out.toString(), "--now", ParitySparkJobTest.NOW.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("parity-spark: training set of 330 rows, 9 columns written to " + out);
    assertThat(out.resolve("_parity.json")).exists();
    FeatureRepository repository = new RepositoryLoader(new ParquetSchemaResolver(), Map.of()).load(repo);
    OfflineOptions options = OfflineOptions.defaults(repo.resolve("tmp"));
    Path embedded = repo.resolve("embedded.parquet");
    try (BufferAllocator allocator = new RootAllocator()) {
      new TrainingSets(OfflineEngine.embedded(allocator, options), allocator, options,
          Clock.fixed(ParitySparkJobTest.NOW, ZoneOffset.UTC)).build(repository, new TrainingSetSpec(
          FeatureSelector.service("ranking"), repo.resolve("entities"), embedded, Optional.empty(), true), Progress.NONE);
    }
    SameCells.assertSameCells(embedded, out);
  }

  @Test
  void badArgumentsExitWithStatusTwoAndTheUsageInOneErrorLine() {
    Run run = sparkSubmit("training-set", "--service", "ranking");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("parity-spark: error: --entities is required").contains("usage: training-set");
  }

  @Test
  void theJarHoldsParitysClassesAndNoneOfSparks() throws Exception {
    try (JarFile jar = new JarFile(ChildProcess.jobJar().toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.parity.offline.spark.job.ParitySparkJob");
      List<String> classes = Collections.list(jar.entries()).stream().map(e -> e.getName())
          .filter(n -> n.endsWith(".class")).toList();
      assertThat(classes).contains("dev/parity/offline/spark/job/ParitySparkJob.class",
          "dev/parity/offline/features/TrainingSets.class", "dev/parity/definitions/FeatureRepository.class");
      assertThat(classes).noneMatch(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/"));
      // What materialization's executors write with, which no Spark distribution has.
      assertThat(classes).contains("redis/clients/jedis/UnifiedJedis.class",
          "dev/parity/shaded/commons/pool2/impl/GenericObjectPool.class", "dev/parity/shaded/caffeine/cache/Caffeine.class");
    }
  }
}
