package dev.parity.bench;

import dev.parity.definitions.DataType;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.EntityTable;
import dev.parity.offline.OfflineEngine;
import dev.parity.offline.OfflineFeature;
import dev.parity.offline.OfflineOptions;
import dev.parity.offline.OfflineSource;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;
import dev.parity.offline.TrainingSetRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.RootAllocator;

/**
 * Point-in-time training set: Parity's embedded engine against DuckDB's {@code ASOF LEFT JOIN}
 * (2 threads, both writing zstd-compressed Parquet; {@code DUCKDB_CODEC=snappy} for DuckDB's
 * default codec) on the same files ({@link TrainingSetData}).
 *
 * <pre>
 * TrainingSetBench DIR compare RUNS [SOURCE_ROWS KEYS ENTITY_ROWS]  alternate both RUNS times, medians, ratio, check equal
 * TrainingSetBench DIR gen|parity|duckdb|verify [SOURCE_ROWS KEYS ENTITY_ROWS]  one step (one side per JVM for peak RSS)
 * TrainingSetBench DIR repeat RUNS [SOURCE_ROWS KEYS ENTITY_ROWS]  Parity alone RUNS times in one JVM: wall and CPU per run
 * TrainingSetBench DIR same A B...  the training sets A, B... (files, or directories of part files) equal to A cell by cell
 * </pre>
 *
 * Defaults are the size: 1M feature rows over 100k keys, 1M entity rows.
 */
public final class TrainingSetBench {
  private TrainingSetBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: DIR compare RUNS [SOURCE_ROWS KEYS ENTITY_ROWS] | DIR gen|parity|duckdb|verify [...]");
    }
    Path dir = Paths.get(args[0]).toAbsolutePath();
    String mode = args[1];
    if (mode.equals("same")) {
      same(dir, Arrays.stream(args, 2, args.length).map(Paths::get).toList());
      return;
    }
    int sizeAt = mode.equals("compare") || mode.equals("repeat") ? 3 : 2;
    long sourceRows = args.length > sizeAt ? Long.parseLong(args[sizeAt]) : 1_000_000;
    long keys = args.length > sizeAt + 1 ? Long.parseLong(args[sizeAt + 1]) : 100_000;
    long entityRows = args.length > sizeAt + 2 ? Long.parseLong(args[sizeAt + 2]) : 1_000_000;
    Files.createDirectories(dir);
    // Parity writes zstd; DuckDB's COPY defaults to snappy, less work: the same codec unless told.
    String codec = System.getenv().getOrDefault("DUCKDB_CODEC", "zstd");
    if (!codec.matches("zstd|snappy")) {
      throw new IllegalArgumentException("DUCKDB_CODEC is zstd or snappy, not " + codec);
    }
    try (TrainingSetData data = new TrainingSetData(dir, 2, codec)) {
      switch (mode) {
        case "gen" -> timed("gen", () -> data.generate(sourceRows, keys, entityRows));
        case "parity" -> timed("parity", () -> parity(data, dir.resolve("parity.parquet")));
        case "duckdb" -> timed("duckdb", () -> data.asofJoin(dir.resolve("duckdb.parquet")));
        case "verify" -> verify(data);
        case "compare" -> compare(data, Integer.parseInt(args[2]), sourceRows, keys, entityRows);
        case "repeat" -> repeat(data, Integer.parseInt(args[2]), sourceRows, keys, entityRows);
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      }
    }
  }

  private static void compare(TrainingSetData data, int runs, long sourceRows, long keys, long entityRows)
      throws Exception {
    timed("gen", () -> data.generate(sourceRows, keys, entityRows));
    double[] parity = new double[runs];
    double[] duck = new double[runs];
    double[] parityCpu = new double[runs];
    double[] duckCpu = new double[runs];
    for (int r = 0; r < runs; r++) {
      double cpu = cpuSeconds();
      parity[r] = timed("parity run " + (r + 1), () -> parity(data, data.dir.resolve("parity.parquet")));
      parityCpu[r] = cpuSeconds() - cpu;
      cpu = cpuSeconds();
      duck[r] = timed("duckdb run " + (r + 1), () -> data.asofJoin(data.dir.resolve("duckdb.parquet")));
      duckCpu[r] = cpuSeconds() - cpu;
    }
    double p = median(parity);
    double d = median(duck);
    System.out.printf("%d source rows over %d keys, %d entity rows, 10 features, ttl %dd, %d runs each%n",
        sourceRows, keys, entityRows, TrainingSetData.TTL_DAYS, runs);
    System.out.printf("parity median %.2f s %s%nduckdb median %.2f s %s%nratio parity/duckdb %.2f%n",
        p, Arrays.toString(round(parity)), d, Arrays.toString(round(duck)), p / d);
    // On a shared machine the wall time depends on the load; CPU time (all threads of this
    // process, DuckDB's native ones included) much less so.
    System.out.printf("cpu seconds: parity median %.2f %s, duckdb median %.2f %s, ratio %.2f%n",
        median(parityCpu), Arrays.toString(round(parityCpu)), median(duckCpu), Arrays.toString(round(duckCpu)),
        median(parityCpu) / median(duckCpu));
    verify(data);
  }

  /**
   * Parity alone, {@code runs} times: before/after comparisons of the engine without DuckDB's
   * threads and memory in the same process (compare the later, warm runs).
   */
  private static void repeat(TrainingSetData data, int runs, long sourceRows, long keys, long entityRows)
      throws Exception {
    timed("gen", () -> data.generate(sourceRows, keys, entityRows));
    for (int r = 0; r < runs; r++) {
      double cpu = cpuSeconds();
      double machine = machineBusySeconds();
      long start = System.nanoTime();
      Phases phases = Boolean.getBoolean("parity.bench.phases") ? new Phases() : null;
      parity(data, data.dir.resolve("parity.parquet"), phases == null ? Progress.NONE : phases);
      double own = cpuSeconds() - cpu;
      if (phases != null) {
        System.out.println(phases.report());
      }
      // Other processes' CPU during the run: a run that shared the cores with them is not comparable.
      System.out.printf("parity run %d: %.2f s, cpu %.2f s, others %.2f s%n", r + 1, (System.nanoTime() - start) / 1e9,
          own, Math.max(0, machineBusySeconds() - machine - own));
    }
  }

  private static void verify(TrainingSetData data) throws Exception {
    Path a = data.dir.resolve("parity.parquet");
    Path b = data.dir.resolve("duckdb.parquet");
    List<String> problems = data.differences(a, b);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("outputs differ: " + problems);
    }
    System.out.printf("outputs identical cell by cell (%d non-null feature cells)%n", data.matchedCells(a));
  }

  /**
   * Every output equal to the first cell by cell (rows matched by position), for spark.sh's check
   * of the embedded engine, DuckDB and the Spark engine; exits with an error naming the first
   * difference otherwise.
   */
  private static void same(Path dir, List<Path> outputs) throws Exception {
    if (outputs.size() < 2) {
      throw new IllegalArgumentException("same needs at least two outputs to compare");
    }
    try (TrainingSetData data = new TrainingSetData(dir, 2, "zstd")) {
      Path first = outputs.get(0);
      for (Path other : outputs.subList(1, outputs.size())) {
        List<String> problems = data.differences(first, other);
        if (!problems.isEmpty()) {
          throw new IllegalStateException(other + " differs from " + first + ": " + problems);
        }
      }
      System.out.printf("outputs identical cell by cell: %s (%d non-null feature cells each)%n",
          outputs.stream().map(p -> p.getFileName().toString()).toList(), data.matchedCells(first));
    }
  }

  static void parity(TrainingSetData data, Path out) {
    parity(data, out, Progress.NONE);
  }

  static void parity(TrainingSetData data, Path out, Progress progress) {
    List<OfflineFeature> features = new ArrayList<>();
    for (String f : TrainingSetData.DOUBLES) {
      features.add(OfflineFeature.column(f, DataType.FLOAT64));
    }
    for (String f : TrainingSetData.LONGS) {
      features.add(OfflineFeature.column(f, DataType.INT64));
    }
    features.add(OfflineFeature.column(TrainingSetData.STRING, DataType.STRING));
    OfflineView view = new OfflineView("stats", List.of(new ColumnSpec("driver_id", DataType.INT64)),
        OfflineSource.parquet(data.sources().toString(), "event_timestamp", Optional.empty()),
        Duration.ofDays(TrainingSetData.TTL_DAYS), features, List.of());
    try (RootAllocator allocator = new RootAllocator()) {
      OfflineEngine.embedded(allocator, options(data.dir.resolve("tmp")))
          .buildTrainingSet(new TrainingSetRequest(EntityTable.parquet(data.entities().toString()), List.of(view), out,
              Optional.empty()), progress);
    }
  }

  /**
   * The engine's defaults; {@code -Dparity.bench.rowsPerPartition=N} and {@code
   * -Dparity.bench.batchRows=N} try other sizes.
   */
  private static OfflineOptions options(Path temp) {
    OfflineOptions options = OfflineOptions.defaults(temp);
    String rowsPerPartition = System.getProperty("parity.bench.rowsPerPartition");
    if (rowsPerPartition != null) {
      options = options.withRowsPerPartition(Long.parseLong(rowsPerPartition));
    }
    String batchRows = System.getProperty("parity.bench.batchRows");
    if (batchRows != null) {
      options = options.withBatchRows(Integer.parseInt(batchRows));
    }
    return options;
  }

  /**
   * With {@code -Dparity.bench.phases=true}, {@code repeat} prints each run's phases (spill, join,
   * output) as seen through the progress events: wall time and process CPU of each, so the cores
   * a phase keeps busy.
   */
  private static final class Phases implements Progress {
    private final long start = System.nanoTime();
    private final double startCpu = cpuSeconds();
    private final java.util.concurrent.atomic.AtomicBoolean joining = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long joinAt;
    private volatile double joinCpu;
    private volatile long writeAt;
    private volatile double writeCpu;

    @Override
    public void partitionDone(int done, int total) {
      if (joining.compareAndSet(false, true)) {
        // The first partition's end: the spill ended about one partition's join earlier.
        joinAt = System.nanoTime();
        joinCpu = cpuSeconds();
      }
    }

    @Override
    public void rowsWritten(long rows) {
      if (writing.compareAndSet(false, true)) {
        writeAt = System.nanoTime();
        writeCpu = cpuSeconds();
      }
    }

    String report() {
      long end = System.nanoTime();
      double endCpu = cpuSeconds();
      return "  phases: " + phase("spill+first join", start, startCpu, joinAt, joinCpu)
          + ", " + phase("join+first batch", joinAt, joinCpu, writeAt, writeCpu)
          + ", " + phase("output", writeAt, writeCpu, end, endCpu);
    }

    private static String phase(String name, long from, double fromCpu, long to, double toCpu) {
      double wall = (to - from) / 1e9;
      return String.format("%s %.2f s (%.2f cores)", name, wall, (toCpu - fromCpu) / wall);
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private static double timed(String what, Step step) throws Exception {
    long start = System.nanoTime();
    step.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%s: %.2f s%n", what, seconds);
    return seconds;
  }

  /** CPU time of every thread of this process so far. */
  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  /** Busy CPU time of the whole machine so far (Linux {@code /proc/stat}, 100 ticks a second); 0 elsewhere. */
  private static double machineBusySeconds() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy / 100.0;
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double[] round(double[] values) {
    return Arrays.stream(values).map(v -> Math.round(v * 100) / 100.0).toArray();
  }
}
