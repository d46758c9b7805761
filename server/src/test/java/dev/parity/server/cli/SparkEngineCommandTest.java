package dev.parity.server.cli;

import static dev.parity.server.cli.CommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.server.spark.SparkSubmit;
import dev.parity.server.testing.InProcessCli.Result;
import dev.parity.server.testing.SampleRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code training-set --engine spark}: how the engine is chosen (flags over parity.yaml), the
 * one-line errors when Spark is missing or a flag is wrong, and what {@code spark-submit} is
 * given. The {@code spark-submit} here is a script that records its arguments and fails as the
 * job does; the real job on a real cluster runs in offline-spark's SparkStandaloneClusterIT.
 */
class SparkEngineCommandTest {
  @TempDir Path temp;
  private Path repo;

  @BeforeEach
  void createRepository() {
    repo = SampleRepository.create(temp.resolve("drivers"));
  }

  private Result trainingSet(Map<String, String> environment, String... flags) {
    List<String> args = new java.util.ArrayList<>(List.of("training-set", "-r", repo.toString(), "--service",
        "driver_ranking_v1", "--entities", repo.resolve("data/entities.parquet").toString(), "--out",
        temp.resolve("out").toString()));
    args.addAll(List.of(flags));
    return run(environment, args.toArray(String[]::new));
  }

  /** A SPARK_HOME whose spark-submit writes its arguments to args.txt and fails as the job would. */
  private Map<String, String> fakeSpark() throws Exception {
    Path home = temp.resolve("spark");
    Files.createDirectories(home.resolve("bin"));
    Path submit = home.resolve("bin/spark-submit");
    Files.writeString(submit, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + temp.resolve("args.txt") + "'\n"
        + "echo 'INFO SparkContext: Running Spark version 4.2.0'\n"
        + "echo 'parity-spark: entities: 10 rows'\n"
        + "echo 'parity-spark: error: no view produces column x'\nexit 1\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jar = temp.resolve("parity-spark.jar");
    Files.writeString(jar, "a jar");
    return Map.of(SparkSubmit.SPARK_HOME_ENV, home.toString(), SparkSubmit.JAR_ENV, jar.toString());
  }

  @Test
  void withoutSparkHomeTheSparkEngineFailsInOneLineSayingWhatToSet() {
    Result result = trainingSet(Map.of(), "--engine", "spark", "--master", "local[2]");

    assertThat(result.failure()).isPresent();
    assertThat(result.errLines()).singleElement().asString().isEqualTo("parity training-set: --engine spark needs "
        + "Apache Spark 4: set SPARK_HOME to a Spark installation (its bin/spark-submit runs parity-spark.jar)");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void aSparkHomeWithoutSparkSubmitOrAMissingJobJarIsRefusedInOneLine() throws Exception {
    Path notSpark = Files.createDirectories(temp.resolve("not-spark"));
    assertThat(trainingSet(Map.of(SparkSubmit.SPARK_HOME_ENV, notSpark.toString()), "--engine", "spark", "--master",
        "local[2]").errLines()).singleElement().asString().isEqualTo("parity training-set: SPARK_HOME=" + notSpark
        + " is not a Spark installation: no executable " + notSpark.resolve("bin/spark-submit"));

    Map<String, String> spark = new HashMap<>(fakeSpark());
    spark.put(SparkSubmit.JAR_ENV, temp.resolve("missing.jar").toString());
    assertThat(trainingSet(spark, "--engine", "spark", "--master", "local[2]").errLines()).singleElement().asString()
        .isEqualTo("parity training-set: PARITY_SPARK_JAR=" + temp.resolve("missing.jar") + " is not a file");
    assertThat(temp.resolve("args.txt")).doesNotExist();
  }

  @Test
  void theSparkEngineWithoutAMasterIsRefusedInOneLineBeforeSparkIsLookedFor() throws Exception {
    String missing = "parity training-set: the Spark engine needs a master: give --master URL (local[2], "
        + "spark://HOST:PORT, yarn, k8s://...) or set offline.spark.master in parity.yaml";
    assertThat(trainingSet(fakeSpark(), "--engine", "spark").errLines()).singleElement().asString()
        .isEqualTo(missing);

    SampleRepository.edit(repo, "parity.yaml", "offline:  { path: ./.parity/offline }",
        "offline:  { path: ./.parity/offline, engine: spark }");
    assertThat(trainingSet(Map.of()).errLines()).singleElement().asString().isEqualTo(missing);
    assertThat(temp.resolve("args.txt")).doesNotExist();
  }

  @Test
  void parityYamlSelectsTheSparkEngineAndTheFlagSelectsTheEmbeddedOneBack() throws Exception {
    SampleRepository.edit(repo, "parity.yaml", "offline:  { path: ./.parity/offline }",
        "offline:  { path: ./.parity/offline, engine: spark, spark: { master: 'local[2]' } }");
    assertThat(run(Map.of(), "apply", "-r", repo.toString()).failure()).isEmpty();

    Result configured = trainingSet(Map.of());
    assertThat(configured.errLines()).last().asString().contains("--engine spark needs Apache Spark 4: set SPARK_HOME");

    Result embedded = trainingSet(Map.of(), "--engine", "embedded");
    assertThat(embedded.failure()).isEmpty();
    assertThat(embedded.out()).startsWith("Training set 1: ");
    assertThat(temp.resolve("out")).isRegularFile();
  }

  @Test
  void anUnknownEngineIsRefusedOnTheCommandLineAndInParityYaml() {
    assertThat(trainingSet(Map.of(), "--engine", "sprak").errLines().get(0))
        .startsWith("argument --engine: invalid choice: 'sprak'");

    SampleRepository.edit(repo, "parity.yaml", "offline:  { path: ./.parity/offline }",
        "offline:  { path: ./.parity/offline, engine: sprak }");
    Result configured = trainingSet(Map.of());
    assertThat(configured.failure()).isPresent();
    assertThat(configured.err()).contains("parity.yaml:").contains("sprak").contains("embedded, spark");
  }

  @Test
  void aBadMasterOrConfOrSparkFlagsWithoutTheSparkEngineAreRefusedInOneLine() throws Exception {
    Map<String, String> spark = fakeSpark();
    assertThat(trainingSet(spark, "--engine", "spark", "--master", "spark:/h").errLines()).singleElement().asString()
        .isEqualTo("parity training-set: --master 'spark:/h' is not a Spark master URL (local[N], spark://HOST:PORT, "
            + "yarn or k8s://...)");
    assertThat(trainingSet(spark, "--engine", "spark", "--master", "local[2]", "--conf", "memory=1g").errLines())
        .singleElement().asString()
        .isEqualTo("parity training-set: --conf 'memory=1g' is not a Spark property such as spark.executor.memory=4g");
    assertThat(trainingSet(spark, "--master", "local[2]").errLines()).singleElement().asString()
        .isEqualTo("parity training-set: --master applies to the Spark engine; add --engine spark (or set "
            + "offline.engine: spark in parity.yaml)");
    assertThat(temp.resolve("args.txt")).doesNotExist();
  }

  @Test
  void sparkSubmitGetsTheMasterTheConfAndTheCommandsArgumentsAndItsFailureIsOneLine() throws Exception {
    SampleRepository.edit(repo, "parity.yaml", "offline:  { path: ./.parity/offline }",
        "offline:  { path: ./.parity/offline, spark: { master: 'local[2]', conf: { spark.a: '1', spark.b: '2' } } }");
    assertThat(run(Map.of(), "apply", "-r", repo.toString()).failure()).isEmpty();

    Result result = run(fakeSpark(), "training-set", "-r", repo.toString(), "--features",
        "driver_hourly_stats:conv_rate,driver_activity:trips_7d", "--entities",
        repo.resolve("data/entities.parquet").toString(), "--out", temp.resolve("out").toString(),
        "--engine", "spark", "--master", "spark://127.0.0.1:7077", "--conf", "spark.b=3", "--plain-names");

    assertThat(result.failure()).isPresent();
    assertThat(result.err()).contains("spark: entities: 10 rows\n");
    String last = result.errLines().get(result.errLines().size() - 1);
    assertThat(last).startsWith("parity training-set: no view produces column x (the job's log: ");
    Path log = Path.of(last.substring(last.indexOf("log: ") + 5, last.length() - 1));
    assertThat(log).content().contains("Running Spark version 4.2.0");
    assertThat(Files.readAllLines(temp.resolve("args.txt"))).containsExactly(
        "--master", "spark://127.0.0.1:7077", "--conf", "spark.a=1", "--conf", "spark.b=3",
        "--name", "parity training-set", "--class", "dev.parity.offline.spark.job.ParitySparkJob",
        temp.resolve("parity-spark.jar").toString(), "training-set", "--repo", repo.toRealPath().toString(),
        "--features", "driver_hourly_stats:conv_rate,driver_activity:trips_7d", "--entities",
        repo.resolve("data/entities.parquet").toString(), "--out", temp.resolve("out").toString(), "--plain-names",
        "--now", "2026-02-01T00:00:00Z");
    assertThat(temp.resolve("out")).doesNotExist();
  }
}
