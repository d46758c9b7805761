package dev.parity.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.Progress;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.online.testing.TestRedis;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.RunSummary;
import dev.parity.registry.testing.TestPostgres;
import dev.parity.server.app.TestServer;
import dev.parity.server.testing.ChildJvm;
import dev.parity.server.testing.StalledRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a process killed with {@code kill -9} in the middle of a materialization and a training
 * set leaves behind (a {@code RUNNING} run, spill folders, the hidden {@code .tmp} of the training
 * set's output), and what the next command or server start makes of it: the run marked {@code
 * INTERRUPTED}, the folders and the {@code .tmp} removed; while what a living process holds is left
 * alone. The processes are real child JVMs ({@link StalledRuns}), killed for real.
 */
class CrashRecoveryTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  @TempDir Path temp;

  @Test
  void theNextCommandMarksAKilledProcessRunInterruptedAndRemovesItsFilesButLeavesALivingProcessAlone() {
    // PostgreSQL: both children and the next command use the registry at once.
    Map<String, String> environment = Map.of(RepositoryConfig.REGISTRY_URL_ENV, TestPostgres.newDatabase(),
        RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl());
    Path root = TestServer.sampleRepository(temp.resolve("drivers"));
    RepositoryService repositories = new RepositoryService(new ParquetSchemaResolver(), environment, Clock.systemUTC());
    repositories.apply(root);
    FeatureRepository repository = repositories.load(root);
    Path tmp = repository.config().offlineDirectory(root).resolve("tmp");
    Path out = temp.resolve("out");
    RunQuery runs = RunQuery.of(repository.config().project());
    try (ChildJvm killed = stalled(root, out.resolve("killed.parquet"), env -> env.putAll(environment));
        ChildJvm living = stalled(root, out.resolve("living.parquet"), env -> env.putAll(environment))) {
      List<Path> killedFolders = workFolders(tmp, killed.pid());
      List<Path> livingFolders = workFolders(tmp, living.pid());
      Path killedTemp = temporaryOutput(out, "killed.parquet");
      Path livingTemp = temporaryOutput(out, "living.parquet");
      assertThat(killedFolders).hasSize(2);
      assertThat(livingFolders).hasSize(2);

      killed.kill();
      TrainingSetSummary next;
      List<RunSummary> recorded;
      try (RepositoryStores stores = new StoreFactory(Clock.systemUTC()).open(repository)) {
        // The next command: it opens the metadata store, and runs.
        recorded = stores.metadata().runs(runs);
        next = new TrainingSetService(stores).build(repository, TrainingSetSpec.of(
            FeatureSelector.service("driver_ranking_v1"), root.resolve("data/entities.parquet"), out.resolve("next.parquet")),
            Progress.NONE);
      }

      assertThat(recorded).extracting(RunSummary::status)
          .containsExactlyInAnyOrder(RunStatus.INTERRUPTED, RunStatus.RUNNING);
      RunSummary interrupted = recorded.stream().filter(r -> r.status() == RunStatus.INTERRUPTED).findFirst().orElseThrow();
      assertThat(interrupted.subject()).isEqualTo("driver_hourly_stats");
      assertThat(interrupted.error()).hasValueSatisfying(error -> assertThat(error)
          .startsWith("interrupted: the process running it (pid " + killed.pid() + " on host ").endsWith(") is gone"));
      assertThat(interrupted.finishedAt()).isPresent();
      assertThat(killedFolders).allSatisfy(folder -> assertThat(folder).doesNotExist());
      assertThat(killedTemp).doesNotExist();
      assertThat(livingFolders).allSatisfy(folder -> assertThat(folder.resolve("owner.lock")).exists());
      assertThat(livingTemp).exists();
      assertThat(list(tmp)).containsExactlyInAnyOrderElementsOf(livingFolders);
      assertThat(out.resolve("next.parquet")).isRegularFile();
      assertThat(next.built().rows()).isEqualTo(2000);
    }
  }

  @Test
  void aServerStartedAfterAKilledCommandShowsItsRunInterruptedAndRemovesItsFiles() {
    TestServer first = TestServer.start(temp.resolve("served"), TestRedis.standaloneUrl());
    first.close();
    Path root = first.repository;
    Path tmp = first.definitions.config().offlineDirectory(root).resolve("tmp");
    Path out = temp.resolve("out");
    // The registry of parity.yaml, an H2 file: free once the server stopped, and again once the command is killed.
    try (ChildJvm killed = stalled(root, out.resolve("training.parquet"), env -> {
      env.remove(RepositoryConfig.REGISTRY_URL_ENV);
      env.put(RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl());
    })) {
      List<Path> folders = workFolders(tmp, killed.pid());
      Path temporary = temporaryOutput(out, "training.parquet");
      assertThat(folders).hasSize(2);

      killed.kill();
      TestServer restarted = TestServer.restart(first);
      try {
        JsonNode runs = TestServer.json(restarted.get("/runs"));

        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("kind").asText()).isEqualTo("materialization");
        assertThat(runs.get(0).get("status").asText()).isEqualTo("interrupted");
        assertThat(runs.get(0).get("error").asText()).contains("(pid " + killed.pid() + " on host ");
        assertThat(folders).allSatisfy(folder -> assertThat(folder).doesNotExist());
        assertThat(temporary).doesNotExist();
      } finally {
        restarted.close();
      }
    }
  }

  private ChildJvm stalled(Path root, Path output, Consumer<Map<String, String>> environment) {
    ChildJvm child = ChildJvm.start(StalledRuns.class, List.of(root.toString(), output.toString()), environment,
        temp.resolve("logs"));
    try {
      child.awaitLine(StalledRuns.STALLED, TIMEOUT);
      return child;
    } catch (RuntimeException | AssertionError e) {
      child.close();
      throw e;
    }
  }

  /** The working folders of the process {@code pid} under {@code tmp}: {@code <prefix><pid>-<start>-<random>}. */
  private static List<Path> workFolders(Path tmp, long pid) {
    return list(tmp).stream().filter(p -> p.getFileName().toString().matches(".*?-" + pid + "-[0-9a-z]+-[0-9a-z]+"))
        .toList();
  }

  /** The one hidden temporary file next to {@code out/name}. */
  private static Path temporaryOutput(Path out, String name) {
    List<Path> temporary = list(out).stream().filter(p -> p.getFileName().toString().startsWith("." + name + ".")
        && p.getFileName().toString().endsWith(".tmp")).toList();
    assertThat(temporary).as("temporary files of %s in %s", name, out).hasSize(1);
    return temporary.get(0);
  }

  private static List<Path> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
