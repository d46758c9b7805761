package dev.parity.server.testing;

import dev.parity.definitions.FeatureRepository;
import dev.parity.offline.Progress;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.offline.features.TrainingSetSpec;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import dev.parity.server.cli.CliLogging;
import dev.parity.server.core.MaterializationService;
import dev.parity.server.core.RepositoryService;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.StoreFactory;
import dev.parity.server.core.TrainingSetService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run as a child JVM ({@link ChildJvm}) by the crash tests: on the repository {@code args[0]}
 * (registry and Redis as its {@code parity.yaml} and the environment say), a materialization of
 * {@code driver_hourly_stats} stalls once it has written its first batch online (its run {@code
 * RUNNING}, its spill folder in use) and a training set of {@code driver_ranking_v1} into {@code args[1]} stalls while it writes
 * (its working folder and the hidden {@code .tmp} next to {@code args[1]} in use). Prints {@value
 * #STALLED} once both are, then waits to be killed, or exits when its standard input ends; any
 * failure exits with status 2.
 */
public final class StalledRuns {
  /** The line printed once both runs are stalled. */
  public static final String STALLED = "stalled";
  private static final Instant END = Instant.parse("2026-01-31T00:00:00Z");

  private StalledRuns() {}

  public static void main(String[] args) throws Exception {
    CliLogging.configure();
    Path root = Path.of(args[0]);
    Path output = Path.of(args[1]);
    FeatureRepository repository = new RepositoryService(new ParquetSchemaResolver(), System.getenv(),
        Clock.systemUTC()).load(root);
    RepositoryStores stores = new StoreFactory(Clock.systemUTC()).open(repository);
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch writing = new CountDownLatch(1);
    run("materialize", () -> new MaterializationService(stores).materialize(repository,
        Instant.parse("2000-01-01T00:00:00Z"), END, Optional.of(List.of("driver_hourly_stats")), new Progress() {
          // Not at a read: validation reads the source before the engine starts.
          @Override
          public void rowsWritten(long rows) {
            stall(written);
          }
        }));
    run("training-set", () -> new TrainingSetService(stores).build(repository,
        TrainingSetSpec.of(FeatureSelector.service("driver_ranking_v1"), root.resolve("data/entities.parquet"), output),
        new Progress() {
          @Override
          public void rowsWritten(long rows) {
            stall(writing);
          }
        }));
    if (!written.await(5, TimeUnit.MINUTES) || !writing.await(5, TimeUnit.MINUTES)) {
      System.err.println("the runs did not stall within 5 minutes");
      System.exit(2);
    }
    System.out.println(STALLED);
    System.out.flush();
    while (System.in.read() >= 0) {
      // Holds everything until the parent kills this process or closes its input.
    }
    System.exit(0);
  }

  private static void run(String name, Runnable work) {
    Thread thread = new Thread(() -> {
      try {
        work.run();
        System.err.println(name + " finished although it should have stalled");
      } catch (RuntimeException e) {
        e.printStackTrace();
      }
      System.exit(2);
    }, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Says the run got here and blocks its thread for good. */
  private static void stall(CountDownLatch reached) {
    reached.countDown();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stalled", e);
    }
  }
}
