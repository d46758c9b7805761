package dev.parity.offline.engine;

import dev.parity.ParityException;
import dev.parity.definitions.FutureTimeLimit;
import static java.util.Objects.requireNonNull;

import dev.parity.offline.work.WorkFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.LatestValuesConsumer;
import dev.parity.offline.LatestValuesRequest;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineException;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.SkippedRows;
import dev.parity.offline.TrainingSetRequest;
import dev.parity.offline.TrainingSetResult;

/**
 * The embedded engine. A training set run: (1) check every input's schema; (2) spill the entity
 * table's {@code (row, T, keys)} into each view's hash partitions; (3) spill each view's source,
 * pruned to the time range the entity rows can see, into the same partitions (files read on the
 * thread pool, one spill writer per thread; when the entity files' metadata gives T's range,
 * steps 2 and 3 run at the same time); (4) join the
 * partitions on a thread pool ({@link PointInTimeJoin}), spilling results by row-number range;
 * (5) read the entity table again and write the output in input order ({@link OutputAssembler}).
 * Only one partition per thread is in memory at a time.
 */
public final class ArrowOfflineEngine implements OfflineEngine {
  private final BufferAllocator allocator;
  private final OfflineOptions options;

  public ArrowOfflineEngine(BufferAllocator allocator, OfflineOptions options) {
    this.allocator = requireNonNull(allocator, "allocator is null");
    this.options = requireNonNull(options, "options is null");
  }

  @Override
  public TrainingSetResult buildTrainingSet(TrainingSetRequest request, Progress progress) {
    requireNonNull(request, "request is null");
    requireNonNull(progress, "progress is null");
    return buildTrainingSet(request, EntityFiles.of(request.entities()), progress);
  }

  /** Reads the entity table's footers through {@code opened}, which keeps them: none is read twice. */
  @Override
  public TrainingSetResult buildTrainingSet(TrainingSetRequest request, EntityFiles opened, Progress progress) {
    requireNonNull(request, "request is null");
    requireNonNull(opened, "opened is null");
    requireNonNull(progress, "progress is null");
    if (!opened.describes(request.entities())) {
      throw new IllegalArgumentException("the opened entity table " + opened.location()
          + " is not the request's " + request.entities().location());
    }
    EntityInput entities = new EntityInput(opened, request.entities(), request.views());
    List<ViewSource> sources = new ArrayList<>();
    List<ViewPlan> plans = new ArrayList<>();
    for (OfflineView view : request.views()) {
      ViewSource source = new ViewSource(view);
      sources.add(source);
      plans.add(source.plan());
    }
    long entityRows = entities.estimateRows();
    Long asOf = request.asOfCreated().map(ArrowOfflineEngine::micros).orElse(null);
    long latest = latestMicros(request.futureLimit());
    List<SkipCounter> skipped = new ArrayList<>();
    request.views().forEach(v -> skipped.add(new SkipCounter()));
    try (BufferAllocator run = allocator.newChildAllocator("offline-training-set", 0, options.memoryLimitBytes());
        TempDirectory temp = new TempDirectory(options.tempDirectory())) {
      OutputAssembler assembler = new OutputAssembler(entities, plans, new ArrayList<>(), 1);
      assembler.columns();
      int[] partitions = new int[plans.size()];
      for (int v = 0; v < plans.size(); v++) {
        partitions[v] = partitionCount(entityRows + sources.get(v).estimateRows());
      }
      int[] sourceWorkers = new int[plans.size()];
      EntityInput.Stats stats;
      Optional<long[]> bounds = entities.timeBounds();
      if (bounds.isPresent()) {
        // T's range is known from metadata: the entity table is spilled on one thread while the
        // sources are spilled on the others (the entity spill alone is single-threaded).
        AtomicReference<EntityInput.Stats> spilled = new AtomicReference<>();
        List<Callable<Void>> spills = new ArrayList<>();
        spills.add(() -> {
          spilled.set(spillEntities(entities, plans, partitions, temp.path(), run, progress));
          return null;
        });
        spills.addAll(sourceSpills(sources, plans, partitions, sourceWorkers, bounds.get()[0], bounds.get()[1], asOf,
            latest, skipped, temp.path(), run, progress));
        runAll(spills);
        stats = spilled.get();
      } else {
        stats = spillEntities(entities, plans, partitions, temp.path(), run, progress);
        runAll(sourceSpills(sources, plans, partitions, sourceWorkers, stats.minTime(), stats.maxTime(), asOf,
            latest, skipped, temp.path(), run, progress));
      }
      long bucketRows = Math.max(1, Math.min(options.rowsPerPartition(), 1 << 24));
      int bucketCount = (int) Math.max(1, (stats.rows() + bucketRows - 1) / bucketRows);
      List<Path[]> bucketPaths = new ArrayList<>();
      List<SpillFile[]> buckets = new ArrayList<>();
      List<Callable<Void>> tasks = new ArrayList<>();
      int total = 0;
      for (int v = 0; v < plans.size(); v++) {
        total += partitions[v];
      }
      AtomicInteger done = new AtomicInteger();
      int totalTasks = total;
      try {
        for (int v = 0; v < plans.size(); v++) {
          ViewPlan plan = plans.get(v);
          SpillFile[] files = new SpillFile[bucketCount];
          Path[] paths = new Path[bucketCount];
          buckets.add(files);
          bucketPaths.add(paths);
          for (int b = 0; b < bucketCount; b++) {
            paths[b] = temp.path().resolve("r" + v + "-" + b + ".arrow");
            files[b] = new SpillFile(paths[b], plan.resultSchema, run);
          }
          for (int p = 0; p < partitions[v]; p++) {
            Path entityFile = Partitioner.file(temp.path(), "e" + v, p);
            List<Path> sourceFiles = sourceFiles(temp.path(), "s" + v, sourceWorkers[v], p);
            tasks.add(() -> {
              joinPartition(plan, entityFile, sourceFiles, files, bucketRows, run);
              progress.partitionDone(done.incrementAndGet(), totalTasks);
              return null;
            });
          }
        }
        runAll(tasks);
      } finally {
        for (SpillFile[] files : buckets) {
          closeAll(List.of(files));
        }
      }
      long rows = new OutputAssembler(entities, plans, bucketPaths, bucketRows)
          .write(request.output(), temp.folder(), run, options.batchRows(), options.threads(), progress);
      Map<String, SkippedRows> skippedByView = new LinkedHashMap<>();
      for (int v = 0; v < plans.size(); v++) {
        skippedByView.put(request.views().get(v).name(), skipped.get(v).snapshot());
      }
      return new TrainingSetResult(request.output(), rows,
          assembler.columns().stream().map(c -> new ColumnSpec(c.name(), c.type())).toList(), skippedByView);
    }
  }

  private EntityInput.Stats spillEntities(EntityInput entities, List<ViewPlan> plans, int[] partitions, Path temp,
      BufferAllocator run, Progress progress) {
    List<Partitioner> partitioners = new ArrayList<>();
    try {
      for (int v = 0; v < plans.size(); v++) {
        partitioners.add(new Partitioner(temp, "e" + v, plans.get(v).entitySchema, 2, plans.get(v).keyCount,
            partitions[v], run));
      }
      return entities.spill(plans, partitioners, run, options.batchRows(), progress);
    } finally {
      closeAll(partitioners);
    }
  }

  /** The tasks spilling every view's source rows with event time in {@code [minT - look-back, maxT]}. */
  private List<Callable<Void>> sourceSpills(List<ViewSource> sources, List<ViewPlan> plans, int[] partitions,
      int[] workers, long minT, long maxT, Long asOf, long latest, List<SkipCounter> skipped, Path temp,
      BufferAllocator run, Progress progress) {
    List<Callable<Void>> spills = new ArrayList<>();
    for (int v = 0; v < plans.size(); v++) {
      long back = plans.get(v).lookBackMicros();
      long min = back < 0 || minT > maxT ? Long.MIN_VALUE : minT - back;
      workers[v] = sources.get(v).spillWorkers(options.threads());
      spills.addAll(sources.get(v).spillTasks(temp, "s" + v, workers[v], partitions[v], min, maxT, asOf, latest,
          skipped.get(v), run, options.batchRows(), progress));
    }
    return spills;
  }

  private static List<Path> sourceFiles(Path directory, String prefix, int workers, int partition) {
    List<Path> files = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      files.add(Partitioner.file(directory, ViewSource.workerPrefix(prefix, w), partition));
    }
    return files;
  }

  private void joinPartition(ViewPlan plan, Path entityFile, List<Path> sourceFiles, SpillFile[] buckets,
      long bucketRows, BufferAllocator run) throws IOException {
    try (BufferAllocator task = run.newChildAllocator("join-" + entityFile.getFileName(), 0, Long.MAX_VALUE);
        VectorSchemaRoot entities = SpillFile.readAll(entityFile, plan.entitySchema, task);
        VectorSchemaRoot source = SpillFile.readAll(sourceFiles, plan.sourceSchema, task);
        VectorSchemaRoot result = new PointInTimeJoin(plan).join(entities, source, task)) {
      Files.deleteIfExists(entityFile);
      for (Path file : sourceFiles) {
        Files.deleteIfExists(file);
      }
      BigIntVector row = (BigIntVector) result.getVector(0);
      int n = result.getRowCount();
      for (int i = 0; i < n; ) {
        long bucket = row.get(i) / bucketRows;
        int j = i;
        while (j < n && row.get(j) / bucketRows == bucket) {
          j++;
        }
        VectorSchemaRoot slice = result.slice(i, j - i);
        try {
          buckets[(int) bucket].append(slice);
        } finally {
          if (slice != result) {
            slice.close();
          }
        }
        i = j;
      }
    }
  }

  @Override
  public SkippedRows latestValues(LatestValuesRequest request, LatestValuesConsumer consumer, Progress progress) {
    requireNonNull(request, "request is null");
    requireNonNull(consumer, "consumer is null");
    requireNonNull(progress, "progress is null");
    ViewSource source = new ViewSource(request.view());
    ViewPlan plan = source.plan();
    long end = micros(request.end());
    Long start = request.start().map(ArrowOfflineEngine::micros).orElse(null);
    // Entities whose values at end may differ from those at start: a row in [start, end] or, for an
    // aggregation, a row that entered or left its window, i.e. a row in [start - window, end].
    // Without the look-back, an entity without new rows kept the aggregate of the previous run.
    long selectFrom = Long.MIN_VALUE;
    long min = Long.MIN_VALUE;
    if (start != null) {
      selectFrom = start;
      min = start;
      for (ViewPlan.Output o : plan.outputs) {
        if (o.isAggregation()) {
          selectFrom = Math.min(selectFrom, saturatedMinus(start, o.windowMicros()));
          min = Math.min(min, Math.min(selectFrom, end - o.windowMicros()));
        }
      }
    }
    Long asOf = request.asOfCreated().map(ArrowOfflineEngine::micros).orElse(null);
    try (BufferAllocator run = allocator.newChildAllocator("offline-latest", 0, options.memoryLimitBytes());
        TempDirectory temp = new TempDirectory(options.tempDirectory())) {
      int partitions = partitionCount(2 * source.estimateRows());
      int workers = source.spillWorkers(options.threads());
      SkipCounter skipped = new SkipCounter();
      runAll(source.spillTasks(temp.path(), "s", workers, partitions, min, end, asOf,
          latestMicros(request.futureLimit()), skipped, run, options.batchRows(), progress));
      LatestValues latest = new LatestValues(plan, end, selectFrom, consumer, options.batchRows());
      AtomicInteger done = new AtomicInteger();
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        List<Path> sourceFiles = sourceFiles(temp.path(), "s", workers, p);
        tasks.add(() -> {
          try (BufferAllocator task = run.newChildAllocator("latest-" + sourceFiles.get(0).getFileName(), 0, Long.MAX_VALUE);
              VectorSchemaRoot rows = SpillFile.readAll(sourceFiles, plan.sourceSchema, task)) {
            for (Path file : sourceFiles) {
              Files.deleteIfExists(file);
            }
            latest.deliver(rows, task);
          }
          progress.partitionDone(done.incrementAndGet(), partitions);
          return null;
        });
      }
      runAll(tasks);
      return skipped.snapshot();
    }
  }

  /** The future-time limit in UTC microseconds; {@code Long.MAX_VALUE} (nothing is beyond it) without one. */
  private static long latestMicros(Optional<FutureTimeLimit> limit) {
    return limit.map(FutureTimeLimit::latestMicros).orElse(Long.MAX_VALUE);
  }

  private int partitionCount(long estimatedRows) {
    if (options.partitions() > 0) {
      return options.partitions();
    }
    long derived = (estimatedRows + options.rowsPerPartition() - 1) / options.rowsPerPartition();
    if (estimatedRows > 100_000) {
      derived = Math.max(derived, options.threads());
    }
    return (int) Math.max(1, Math.min(derived, 4096));
  }

  private void runAll(List<Callable<Void>> tasks) {
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "parity-offline-join");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (Callable<Void> task : tasks) {
        futures.add(pool.submit(task));
      }
      for (Future<Void> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          Throwable cause = e.getCause();
          if (cause instanceof ParityException parity) {
            // OfflineException, or a consumer's own (an online store outage, say): already says what failed.
            throw parity;
          }
          throw new OfflineException("join task failed: " + cause, cause);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OfflineException("interrupted while joining partitions", e);
    } finally {
      pool.shutdownNow();
      awaitWorkers(pool);
    }
  }

  /**
   * Waits for the workers to stop even when this thread is interrupted: they hold Arrow buffers
   * of the caller's allocator, which the caller closes next (a leak error otherwise). A worker
   * ends with its current partition at the latest. The interrupt flag is restored afterwards.
   */
  private static void awaitWorkers(java.util.concurrent.ExecutorService pool) {
    boolean interrupted = Thread.interrupted();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    try {
      while (!pool.isTerminated()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          pool.awaitTermination(left, java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Closes every resource (nulls skipped), then throws the first failure, later ones suppressed in it. */
  static void closeAll(List<? extends AutoCloseable> resources) {
    RuntimeException failure = null;
    for (AutoCloseable r : resources) {
      try {
        if (r != null) {
          r.close();
        }
      } catch (Exception e) {
        if (failure == null) {
          failure = e instanceof RuntimeException ? (RuntimeException) e : new OfflineException("close failed", e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  /**
   * A fresh working folder for one run's spill files, locked while the run lives and deleted with
   * its contents on close; claiming it first removes the folders of dead processes ({@link
   * WorkFolder}).
   */
  static final class TempDirectory implements AutoCloseable {
    private final WorkFolder folder;

    TempDirectory(Path parent) {
      try {
        this.folder = WorkFolder.claim(parent, "parity-offline-");
      } catch (IOException e) {
        throw new OfflineException(parent, "cannot create spill directory: " + e.getMessage(), e);
      }
    }

    Path path() {
      return folder.path();
    }

    /** The working folder, which records the temporary files written next to the run's output. */
    WorkFolder folder() {
      return folder;
    }

    @Override
    public void close() {
      try {
        folder.close();
      } catch (UncheckedIOException e) {
        throw new OfflineException(folder.path(), "cannot delete spill directory: " + e.getCause().getMessage(), e);
      }
    }
  }

  private static long saturatedMinus(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
  }
}
