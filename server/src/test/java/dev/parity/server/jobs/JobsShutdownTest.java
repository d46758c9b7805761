package dev.parity.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.RepositoryConfig;
import dev.parity.offline.Progress;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.online.testing.TestRedis;
import dev.parity.registry.jdbi.RegistryDatabase;
import dev.parity.registry.metadata.RunKind;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.RunSummary;
import dev.parity.server.app.TestServer;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.StoreFactory;
import dev.parity.server.db.RegistryPool;
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
import org.slf4j.LoggerFactory;

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
          repository.config().project(), stores::metadata, Clock.systemUTC(), new MetricRegistry());
      Job job = jobs.submit(JobKind.MATERIALIZE, endless(materializations, repository, reading, never));
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
  void jobsStillQueuedAtShutdownAreRecordedCancelledAndLogged() throws Exception {
    Path root = TestServer.sampleRepository(temp.resolve("queued"));
    RepositoryService repositories = new RepositoryService(new ParquetSchemaResolver(),
        Map.of(RepositoryConfig.REDIS_URL_ENV, TestRedis.standaloneUrl()), Clock.systemUTC());
    repositories.apply(root);
    FeatureRepository repository = repositories.load(root);
    String project = repository.config().project();
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    Logger logger = (Logger) LoggerFactory.getLogger(JobManager.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try (RepositoryStores stores = new StoreFactory(Clock.systemUTC()).open(repository)) {
      MaterializationService materializations = new MaterializationService(stores);
      JobManager jobs = new JobManager(new JobSettings(1, 2, 10, java.time.Duration.ZERO, LONG), project,
          stores::metadata, Clock.systemUTC(), new MetricRegistry());
      jobs.submit(JobKind.MATERIALIZE, endless(materializations, repository, reading, never));
      assertThat(reading.await(LONG.toSeconds(), TimeUnit.SECONDS)).as("the materialization started reading").isTrue();
      Job trainingSet = jobs.submit(JobKind.TRAINING_SET, progress -> "never run");
      Job incremental = jobs.submit(JobKind.MATERIALIZE_INCREMENTAL, progress -> "never run");

      jobs.stop();

      for (Job queued : List.of(trainingSet, incremental)) {
        Job cancelled = jobs.job(queued.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.startedAt()).isEmpty();
      }
      List<RunSummary> runs = stores.metadata().runs(RunQuery.of(project));
      assertThat(runs).extracting(RunSummary::kind, RunSummary::status, RunSummary::subject).containsExactlyInAnyOrder(
          tuple(RunKind.MATERIALIZATION, RunStatus.INTERRUPTED, "driver_hourly_stats"),
          tuple(RunKind.JOB, RunStatus.CANCELLED, "training-set job " + trainingSet.id()),
          tuple(RunKind.JOB, RunStatus.CANCELLED, "materialize-incremental job " + incremental.id()));
      assertThat(stores.metadata().runs(RunQuery.of(project).withStatus(RunStatus.CANCELLED)))
          .allSatisfy(run -> {
            assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).contains("before job", "started"));
            assertThat(run.finishedAt()).isPresent();
          });
      assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(line -> assertThat(line).startsWith("Cancelled training-set job " + trainingSet.id()))
          .anySatisfy(line -> assertThat(line).startsWith("Cancelled materialize-incremental job " + incremental.id()));
    } finally {
      never.countDown();
      logger.detachAppender(log);
    }
  }

  /** The test seam: a materialization whose source is so slow that reading it never ends, though it reports progress. */
  private static JobWork endless(MaterializationService materializations, FeatureRepository repository,
      CountDownLatch reading, CountDownLatch never) {
    return progress -> materializations.materialize(repository, Instant.parse("2000-01-01T00:00:00Z"), END,
        Optional.of(List.of("driver_hourly_stats")), new Progress() {
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
        });
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

    try (RegistryDatabase database = RegistryDatabase.open(server.definitions.config().registryUrl(), server.repository,
        RegistryPool.unmetered())) {
      List<RunSummary> runs = database.metadata(Clock.systemUTC()).runs(RunQuery.of(project));
      // However far it got before the stop: every run it started is over, none still RUNNING.
      assertThat(runs).extracting(RunSummary::status).doesNotContain(RunStatus.RUNNING);
    }
  }
}
