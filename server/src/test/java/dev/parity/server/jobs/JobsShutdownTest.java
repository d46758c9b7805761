package dev.parity.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.offline.Progress;
import dev.parity.offline.schema.ParquetSchemaResolver;
import dev.parity.online.testing.TestRedis;
import dev.parity.server.app.TestServer;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.StoreFactory;
import dev.parity.server.db.RegistryDatabase;
import dev.parity.server.db.RunQuery;
import dev.parity.server.db.RunStatus;
import dev.parity.server.db.RunSummary;
import io.dropwizard.util.Duration;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop never leaves a run RUNNING: jobs that outlive the grace are interrupted, and so are their runs. */
class JobsShutdownTest {
  private static final java.time.Duration LONG = java.time.Duration.ofSeconds(60);
  private static final Instant END = Instant.parse("2026-01-31T00:00:00Z");

  @TempDir Path temp;

  @Test
  void aMaterializationStillRunningAfterTheGraceIsInterruptedAndSoIsItsRun() throws Exception {
    Path root = TestServer.sampleRepository(temp.resolve("drivers"));
    RepositoryService repositories = new RepositoryService(new ParquetSchemaResolver(),
        Map.of(RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl()), Clock.systemUTC());
    repositories.apply(root);
    FeatureRepository repository = repositories.load(root);
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    try (RepositoryStores stores = new StoreFactory(Clock.systemUTC()).open(repository)) {
      MaterializationService materializations = new MaterializationService(stores);
      JobManager jobs = new JobManager(new JobSettings(1, 1, 10, java.time.Duration.ofMillis(100), LONG),
          stores::metadata, Clock.systemUTC(), new MetricRegistry());
      // The test seam: a source so slow that reading it never ends, though it reports progress.
      Job job = jobs.submit(JobKind.MATERIALIZE, progress -> materializations.materialize(repository,
          Instant.parse("2000-01-01T00:00:00Z"), END, Optional.of(List.of("driver_hourly_stats")),
          new Progress() {
            @Override
            public void rowsRead(String table, long rows) {
              progress.rowsRead(table, rows);
              reading.countDown();
              try {
                while (!never.await(20, TimeUnit.MILLISECONDS)) {
                  progress.rowsRead(table, 0);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + table, e);
              }
            }
          }));
      assertThat(reading.await(LONG.toSeconds(), TimeUnit.SECONDS)).as("the materialization started reading").isTrue();
      RunQuery query = RunQuery.of(repository.config().project());
      assertThat(stores.metadata().runs(query)).extracting(RunSummary::status).containsExactly(RunStatus.RUNNING);

      jobs.stop();

      Job stopped = jobs.job(job.id()).orElseThrow();
      assertThat(stopped.status()).isEqualTo(JobStatus.INTERRUPTED);
      assertThat(stopped.error().orElseThrow().message()).contains("runs are marked interrupted");
      List<RunSummary> runs = stores.metadata().runs(query);
      assertThat(runs).extracting(RunSummary::status).containsExactly(RunStatus.INTERRUPTED);
      assertThat(runs.get(0).error()).hasValue("the server shut down");
      assertThatThrownBy(() -> jobs.submit(JobKind.MATERIALIZE, progress -> 1))
          .isInstanceOf(JobRejectedException.class).hasMessageContaining("shutting down");
    } finally {
      never.countDown();
    }
  }

  @Test
  void aServerStoppedWithAJobRunningLeavesNoRunRunning() {
    TestServer server = TestServer.start(temp.resolve("served"), TestRedis.standaloneUrl(),
        config -> config.getJobs().setShutdownGrace(Duration.milliseconds(0)));
    HttpResponse<String> accepted;
    String project = server.definitions.config().project();
    try {
      accepted = server.post("/jobs/materialize", """
          {"start_ts": "2000-01-01T00:00:00Z", "end_ts": "2026-01-31T00:00:00Z"}""");
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    } finally {
      server.close();
    }
    JsonNode job = TestServer.json(accepted);
    assertThat(job.get("status").asText()).isIn("queued", "running");

    try (RegistryDatabase database = RegistryDatabase.open(server.definitions.config().registryUrl(), server.repository)) {
      List<RunSummary> runs = database.metadata(Clock.systemUTC()).runs(RunQuery.of(project));
      // However far it got before the stop: every run it started is over, none still RUNNING.
      assertThat(runs).extracting(RunSummary::status).doesNotContain(RunStatus.RUNNING);
    }
  }
}
