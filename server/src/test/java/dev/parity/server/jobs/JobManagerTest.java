package dev.parity.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.codahale.metrics.MetricRegistry;
import dev.parity.registry.jdbi.RegistryDatabase;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.RunKind;
import dev.parity.registry.metadata.RunQuery;
import dev.parity.registry.metadata.RunStatus;
import dev.parity.registry.metadata.RunSummary;
import dev.parity.server.db.RegistryPool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The executor's bounds, the job lifecycle and what a stop does to queued and running jobs. */
class JobManagerTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final String PROJECT = "jobs";
  /** For managers whose stop must never need the metadata store (every job ends in the grace). */
  private static final Supplier<MetadataStore> NO_METADATA = () -> {
    throw new AssertionError("the metadata store was asked for although no job had to be interrupted");
  };

  private final List<CountDownLatch> gates = new ArrayList<>();
  private final MetricRegistry metrics = new MetricRegistry();

  @AfterEach
  void openGates() {
    gates.forEach(CountDownLatch::countDown);
  }

  private JobManager manager(int workers, int queue, int retain, Duration grace) {
    return manager(workers, queue, retain, grace, NO_METADATA);
  }

  private JobManager manager(int workers, int queue, int retain, Duration grace, Supplier<MetadataStore> metadata) {
    return new JobManager(new JobSettings(workers, queue, retain, grace, LONG), PROJECT, metadata, Clock.systemUTC(),
        metrics);
  }

  /** Work that reports progress, then waits for its gate, then returns {@code result}. */
  private JobWork gated(CountDownLatch started, Object result) {
    CountDownLatch gate = new CountDownLatch(1);
    gates.add(gate);
    return progress -> {
      progress.rowsRead("driver_hourly_stats", 10);
      started.countDown();
      await(gate);
      progress.partitionDone(1, 1);
      return result;
    };
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(LONG.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("a latch was not released within " + LONG);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Test
  void runsAJobToItsResultWithItsProgress() throws Exception {
    JobManager jobs = manager(1, 1, 10, LONG);
    CountDownLatch started = new CountDownLatch(1);
    Job submitted = jobs.submit(JobKind.MATERIALIZE, gated(started, "done"));
    await(started);

    Job running = jobs.job(submitted.id()).orElseThrow();
    assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(running.progress().rowsRead()).isEqualTo(10);
    assertThat(running.progress().currentView()).hasValue("driver_hourly_stats");
    assertThat(running.progress().fraction()).isEmpty();
    assertThat(metrics.getGauges().get("parity.jobs.running").getValue()).isEqualTo(1L);
    assertThat(metrics.getGauges().get("parity.jobs.rows-read").getValue()).isEqualTo(10L);

    gates.get(0).countDown();
    Job ended = jobs.awaitEnd(submitted.id(), LONG).orElseThrow();

    assertThat(ended.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(ended.result()).hasValue("done");
    assertThat(ended.progress().fraction()).hasValue(1.0);
    assertThat(ended.startedAt()).isPresent();
    assertThat(ended.finishedAt()).isPresent();
    assertThat(metrics.meter("parity.jobs.succeeded").getCount()).isEqualTo(1);
    jobs.stop();
  }

  @Test
  void aFailingJobKeepsItsErrorAsTheEndpointWouldAnswerIt() throws Exception {
    JobManager jobs = manager(1, 1, 10, LONG);
    Job submitted = jobs.submit(JobKind.TRAINING_SET, progress -> {
      throw new dev.parity.server.errors.InvalidRequestException("entity table x.csv does not exist");
    });

    Job ended = jobs.awaitEnd(submitted.id(), LONG).orElseThrow();

    assertThat(ended.status()).isEqualTo(JobStatus.FAILED);
    assertThat(ended.error()).hasValue(new JobError(400, "entity table x.csv does not exist"));
    assertThat(ended.result()).isEmpty();
    jobs.stop();
  }

  @Test
  void aBugInAJobIsA500NamingOnlyTheLogId() throws Exception {
    JobManager jobs = manager(1, 1, 10, LONG);
    Job submitted = jobs.submit(JobKind.TRAINING_SET, progress -> {
      throw new IllegalStateException("internal detail");
    });

    JobError error = jobs.awaitEnd(submitted.id(), LONG).orElseThrow().error().orElseThrow();

    assertThat(error.code()).isEqualTo(500);
    assertThat(error.message()).contains("It has been logged (ID ").doesNotContain("internal detail");
    jobs.stop();
  }

  @Test
  void aFullQueueRejectsTheJobAndForgetsIt() throws Exception {
    JobManager jobs = manager(1, 1, 10, LONG);
    CountDownLatch started = new CountDownLatch(1);
    jobs.submit(JobKind.MATERIALIZE, gated(started, 1));
    await(started);
    Job queued = jobs.submit(JobKind.MATERIALIZE, gated(new CountDownLatch(1), 2));
    assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);

    assertThatThrownBy(() -> jobs.submit(JobKind.MATERIALIZE, progress -> 3))
        .isInstanceOfSatisfying(JobRejectedException.class, e -> assertThat(e.isStopping()).isFalse())
        .hasMessageContaining("1 running and 1 queued");
    assertThat(jobs.jobs()).hasSize(2);
    assertThat(metrics.meter("parity.jobs.rejected").getCount()).isEqualTo(1);
    gates.forEach(CountDownLatch::countDown);
    assertThat(jobs.awaitEnd(queued.id(), LONG).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    jobs.stop();
  }

  @Test
  void keepsOnlyTheNewestFinishedJobs() throws Exception {
    JobManager jobs = manager(1, 5, 2, LONG);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      int n = i;
      ids.add(jobs.submit(JobKind.TRAINING_SET, progress -> n).id());
      jobs.awaitEnd(ids.get(i), LONG);
    }

    assertThat(jobs.jobs()).extracting(Job::id).containsExactly(ids.get(3), ids.get(2));
    assertThat(jobs.job(ids.get(0))).isEmpty();
    jobs.stop();
  }

  @Test
  void stopLetsARunningJobFinishWithinTheGraceAndCancelsQueuedOnes() throws Exception {
    try (RegistryDatabase database = RegistryDatabase.open("jdbc:h2:mem:jobs-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
        RegistryPool.unmetered())) {
      MetadataStore metadata = database.metadata(Clock.systemUTC());
      stopLetsARunningJobFinishWithinTheGraceAndCancelsQueuedOnes(manager(1, 2, 10, LONG, () -> metadata));
      List<RunSummary> recorded = metadata.runs(RunQuery.of(PROJECT));
      assertThat(recorded).extracting(RunSummary::kind, RunSummary::status)
          .containsExactly(tuple(RunKind.JOB, RunStatus.CANCELLED));
      assertThat(recorded.get(0).subject()).startsWith("training-set job ");
    }
  }

  private void stopLetsARunningJobFinishWithinTheGraceAndCancelsQueuedOnes(JobManager jobs) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Job running = jobs.submit(JobKind.MATERIALIZE, gated(started, "finished"));
    await(started);
    Job queued = jobs.submit(JobKind.TRAINING_SET, progress -> "never");

    Thread stopping = new Thread(() -> {
      try {
        jobs.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    stopping.start();
    // The queued job is cancelled as soon as the stop begins, before the running one ends.
    assertThat(jobs.awaitEnd(queued.id(), LONG).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(jobs.stopping()).isTrue();
    assertThatThrownBy(() -> jobs.submit(JobKind.MATERIALIZE, progress -> 1))
        .isInstanceOfSatisfying(JobRejectedException.class, e -> assertThat(e.isStopping()).isTrue());
    gates.get(0).countDown();
    stopping.join(LONG.toMillis());

    assertThat(stopping.isAlive()).isFalse();
    assertThat(jobs.job(running.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
    Job cancelled = jobs.job(queued.id()).orElseThrow();
    assertThat(cancelled.startedAt()).isEmpty();
    assertThat(cancelled.error().orElseThrow().message()).contains("before the job started");
    assertThat(metrics.meter("parity.jobs.cancelled").getCount()).isEqualTo(1);
  }

  @Test
  void aJobThatReportsNothingIsInterruptedThroughItsThreadAndItsRunsMarked() throws Exception {
    try (RegistryDatabase database = RegistryDatabase.open("jdbc:h2:mem:jobs-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
        RegistryPool.unmetered())) {
      MetadataStore metadata = database.metadata(Clock.systemUTC());
      JobManager jobs = new JobManager(new JobSettings(1, 1, 10, Duration.ZERO, Duration.ofMillis(100)), PROJECT,
          () -> metadata, Clock.systemUTC(), metrics);
      CountDownLatch started = new CountDownLatch(1);
      long[] run = new long[1];
      Job job = jobs.submit(JobKind.MATERIALIZE, progress -> {
        run[0] = metadata.startMaterialization("jobs", java.util.Map.of("v", "0".repeat(64)), java.time.Instant.EPOCH,
            java.time.Instant.EPOCH).id();
        started.countDown();
        // Blocks without reporting progress: only an interrupt of its thread ends it.
        await(new CountDownLatch(1));
        return "never";
      });
      await(started);

      jobs.stop();

      Job stopped = jobs.job(job.id()).orElseThrow();
      assertThat(stopped.status()).isEqualTo(JobStatus.INTERRUPTED);
      assertThat(metadata.materialization(run[0]).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
      assertThat(metrics.meter("parity.jobs.interrupted").getCount()).isEqualTo(1);
    }
  }
}
