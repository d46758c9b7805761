package dev.parity.offline.engine;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.offline.schema.SourceFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.OfflineAggregation;
import dev.parity.offline.OfflineFeature;
import dev.parity.offline.OfflineSource;
import dev.parity.offline.OfflineView;
import dev.parity.offline.Progress;

/**
 * The source of one view: its files in source order, checked against what the view reads, and
 * the scan that filters rows, evaluates row transforms and spills them into hash partitions.
 */
final class ViewSource {
  private final OfflineView view;
  private final OfflineSource source;
  private final TableScanner scanner;
  private final List<Path> files;
  private final List<String> columns;
  private final ViewPlan plan;
  /** Parts per file, read on first use by the thread that plans the spill. */
  private int[] parts;

  /** Resolves and checks every file of the view's source. */
  ViewSource(OfflineView view) {
    this.view = view;
    this.source = view.source();
    this.scanner = TableScanner.of(source.format(), source.csvColumns());
    this.files = SourceFiles.resolve(source.location());
    Set<String> needed = new LinkedHashSet<>();
    List<DataType> aggregationTypes = new ArrayList<>();
    List<DataType> previousTypes = null;
    for (Path file : files) {
      FileSchema schema = scanner.schema(file);
      if (previousTypes == null && !aggregationTypes.isEmpty()) {
        previousTypes = List.copyOf(aggregationTypes);
      }
      aggregationTypes.clear();
      for (ColumnSpec key : view.joinKeys()) {
        schema.require(key.name(), key.type(), "join key of view " + view.name());
        needed.add(key.name());
      }
      schema.require(source.timestampColumn(), DataType.TIMESTAMP, "timestamp of view " + view.name());
      needed.add(source.timestampColumn());
      source.createdColumn().ifPresent(c -> {
        schema.require(c, DataType.TIMESTAMP, "created timestamp of view " + view.name());
        needed.add(c);
      });
      for (OfflineFeature f : view.features()) {
        if (f.expression().isPresent()) {
          requireInputs(schema, f.expression().get(), needed, "feature " + f.name());
        } else {
          schema.require(f.name(), f.type(), "feature " + view.name() + "." + f.name());
          needed.add(f.name());
        }
      }
      for (OfflineAggregation a : view.aggregations()) {
        DataType input = DataType.INT64;
        if (a.column().isPresent()) {
          input = schema.type(a.column().get());
          needed.add(a.column().get());
        } else if (a.expression().isPresent()) {
          requireInputs(schema, a.expression().get(), needed, "aggregation " + a.name());
          input = a.expression().get().type();
        }
        try {
          OfflineAggregation.resultType(a.function(), input);
        } catch (IllegalArgumentException e) {
          throw new InputSchemaException(file, a.column().orElse(a.name()),
              "aggregation " + view.name() + "." + a.name() + ": " + e.getMessage());
        }
        if (previousTypes != null && previousTypes.get(aggregationTypes.size()) != input) {
          throw new InputSchemaException(file, a.column().orElse(a.name()), "input of aggregation "
              + a.name() + " is " + input + " here but " + previousTypes.get(aggregationTypes.size()) + " in " + files.get(0));
        }
        aggregationTypes.add(input);
      }
    }
    this.columns = List.copyOf(needed);
    this.plan = new ViewPlan(view, aggregationTypes);
  }

  private static void requireInputs(FileSchema schema, CompiledExpression e, Set<String> needed, String what) {
    for (int i = 0; i < e.inputs().size(); i++) {
      schema.require(e.inputs().get(i), e.inputTypes().get(i), "input of " + what + " (" + e.source() + ")");
      needed.add(e.inputs().get(i));
    }
  }

  ViewPlan plan() {
    return plan;
  }

  long estimateRows() {
    long rows = 0;
    for (Path file : files) {
      rows += scanner.estimateRows(file);
    }
    return rows;
  }

  /** How many writers {@link #spillTasks} should use with {@code threads} threads: one per file part at most. */
  int spillWorkers(int threads) {
    if (threads <= 1) {
      return 1;
    }
    int units = 0;
    for (int parts : parts()) {
      units += parts;
    }
    return Math.max(1, Math.min(threads, units));
  }

  /** Each file's part count ({@link TableScanner#parts}), read from the files once. */
  private int[] parts() {
    if (parts == null) {
      parts = new int[files.size()];
      for (int f = 0; f < files.size(); f++) {
        parts[f] = scanner.parts(files.get(f));
      }
    }
    return parts;
  }

  /** The spill file prefix of writer {@code worker}: its partitions are {@code <prefix>-<worker>-<p>.arrow}. */
  static String workerPrefix(String prefix, int worker) {
    return prefix + "-" + worker;
  }

  /**
   * Tasks (run them concurrently) that read the files, each part of a file (see {@link
   * TableScanner#parts}) by the next free task, and spill
   * rows with non-null keys and event time in {@code [min, max]} (and, if {@code asOfCreatedMicros
   * != null}, not created after it; with neither an event nor a created time after {@code
   * latestMicros}, the future-time limit) into {@code partitions} files per task, named by {@link
   * #workerPrefix}. Rows carry their source sequence, so the split does not change join results.
   * Rows in range left out for a future time or a null key are counted in {@code skipped}.
   */
  List<Callable<Void>> spillTasks(Path directory, String prefix, int workers, int partitions, long min, long max,
      Long asOfCreatedMicros, long latestMicros, SkipCounter skipped, BufferAllocator allocator, int batchRows,
      Progress progress) {
    // The units handed out are the files' parts (Parquet row groups), not whole files: with a
    // file per unit the last file kept one thread busy while the others had nothing left (75-110
    // ms of a warm 1M-row run on 2 threads).
    List<int[]> units = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      int count = workers > 1 ? parts()[f] : 1;
      for (int part = 0; part < count; part++) {
        units.add(new int[] {f, count > 1 ? part : -1});
      }
    }
    AtomicInteger nextUnit = new AtomicInteger();
    Filter filter = new Filter(min, max, asOfCreatedMicros, latestMicros, skipped);
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      String workerPrefix = workerPrefix(prefix, w);
      tasks.add(() -> {
        try (Partitioner partitioner =
            new Partitioner(directory, workerPrefix, plan.sourceSchema, 0, plan.keyCount, partitions, allocator)) {
          ScanBuffers buffers = new ScanBuffers();
          for (int u = nextUnit.getAndIncrement(); u < units.size(); u = nextUnit.getAndIncrement()) {
            int f = units.get(u)[0];
            int part = units.get(u)[1];
            long fileBase = (long) f << 40;
            TableScanner.TimeRange prune = new TableScanner.TimeRange(source.timestampColumn(), min, max);
            TableScanner.BatchSink sink = (batch, firstRow) -> {
              spillBatch(batch, fileBase + firstRow, filter, partitioner, allocator);
              progress.rowsRead(view.name(), batch.getRowCount());
            };
            if (part < 0) {
              scanner.scan(files.get(f), columns, prune, allocator, batchRows, buffers, sink);
            } else {
              scanner.scanPart(files.get(f), part, columns, prune, allocator, batchRows, buffers, sink);
            }
          }
        }
        return null;
      });
    }
    return tasks;
  }

  /** Which rows a spill keeps (see {@link #spillTasks}), and where it counts those it skips. */
  private record Filter(long min, long max, Long asOf, long latest, SkipCounter skipped) {}

  private void spillBatch(VectorSchemaRoot batch, long firstSeq, Filter filter, Partitioner partitioner,
      BufferAllocator allocator) {
    int n = batch.getRowCount();
    List<FieldVector> owned = new ArrayList<>();
    try {
      List<FieldVector> layout = new ArrayList<>();
      for (ColumnSpec key : view.joinKeys()) {
        layout.add(batch.getVector(key.name()));
      }
      TimeStampMicroTZVector ts = (TimeStampMicroTZVector) batch.getVector(source.timestampColumn());
      layout.add(ts);
      TimeStampMicroTZVector created = source.createdColumn().isPresent()
          ? (TimeStampMicroTZVector) batch.getVector(source.createdColumn().get())
          : (TimeStampMicroTZVector) own(owned, Vectors.create("cr", DataType.TIMESTAMP, allocator), n);
      layout.add(created);
      BigIntVector seq = (BigIntVector) own(owned, Vectors.create("seq", DataType.INT64, allocator), n);
      Vectors.setLongs(seq, sequence(firstSeq, n), allSet(n), n);
      layout.add(seq);
      for (OfflineFeature f : view.features()) {
        layout.add(f.expression().isPresent()
            ? evaluate(f.expression().get(), batch, n, allocator, owned)
            : batch.getVector(f.name()));
      }
      for (OfflineAggregation a : view.aggregations()) {
        if (a.column().isPresent()) {
          layout.add(batch.getVector(a.column().get()));
        } else if (a.expression().isPresent()) {
          layout.add(evaluate(a.expression().get(), batch, n, allocator, owned));
        }
      }
      int[] selection = new int[n];
      int count = select(layout, ts, created, n, filter, selection);
      partitioner.add(new VectorSchemaRoot(layout), selection, count);
    } finally {
      owned.forEach(FieldVector::close);
    }
  }

  /**
   * Fills {@code selection} with the rows that have an event time in {@code [min, max]}, are not
   * created after {@code asOf} (if not null), have neither an event nor a created time after
   * {@code latest} (FutureTimeLimit; counted) and have no null key part (counted); returns their
   * count. Works on bulk copies of the columns (no per-cell Arrow checks).
   */
  private int select(List<FieldVector> layout, FieldVector ts, FieldVector created, int n, Filter filter,
      int[] selection) {
    long[] times = Vectors.longs(ts, n);
    byte[] keep = Vectors.validity(ts, n);
    for (int i = 0; i < n; i++) {
      if (times[i] < filter.min() || times[i] > filter.max()) {
        keep[i >>> 3] &= (byte) ~(1 << (i & 7));
      }
    }
    long[] createdTimes = null;
    byte[] createdValid = null;
    if (filter.asOf() != null || filter.latest() != Long.MAX_VALUE) {
      createdTimes = Vectors.longs(created, n);
      createdValid = Vectors.validity(created, n);
    }
    if (filter.asOf() != null) {
      long asOf = filter.asOf();
      for (int i = 0; i < n; i++) {
        if (Vectors.isSet(createdValid, i) && createdTimes[i] > asOf) {
          keep[i >>> 3] &= (byte) ~(1 << (i & 7));
        }
      }
    }
    int future = 0;
    if (filter.latest() != Long.MAX_VALUE) {
      long latest = filter.latest();
      for (int i = 0; i < n; i++) {
        if (Vectors.isSet(keep, i) && (times[i] > latest || Vectors.isSet(createdValid, i) && createdTimes[i] > latest)) {
          keep[i >>> 3] &= (byte) ~(1 << (i & 7));
          future++;
        }
      }
    }
    byte[] keysValid = null;
    for (int k = 0; k < plan.keyCount; k++) {
      byte[] valid = Vectors.validity(layout.get(k), n);
      if (keysValid == null) {
        keysValid = valid;
      } else {
        for (int b = 0; b < keysValid.length; b++) {
          keysValid[b] &= valid[b];
        }
      }
    }
    int count = 0;
    int nullKeys = 0;
    for (int i = 0; i < n; i++) {
      if (Vectors.isSet(keep, i)) {
        if (keysValid == null || Vectors.isSet(keysValid, i)) {
          selection[count++] = i;
        } else {
          nullKeys++;
        }
      }
    }
    filter.skipped().add(future, nullKeys);
    return count;
  }

  /** {@code first, first + 1, ...}: {@code n} values. */
  static long[] sequence(long first, int n) {
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = first + i;
    }
    return values;
  }

  /** Validity bits with the first {@code n} slots set. */
  static byte[] allSet(int n) {
    byte[] bits = new byte[(n + 7) / 8];
    java.util.Arrays.fill(bits, (byte) -1);
    if (n % 8 != 0) {
      bits[bits.length - 1] = (byte) ((1 << (n % 8)) - 1);
    }
    return bits;
  }

  private static FieldVector own(List<FieldVector> owned, FieldVector vector, int n) {
    owned.add(vector);
    vector.setInitialCapacity(n);
    vector.allocateNew();
    vector.setValueCount(n);
    return vector;
  }

  private static FieldVector evaluate(CompiledExpression e, VectorSchemaRoot batch, int n,
      BufferAllocator allocator, List<FieldVector> owned) {
    List<FieldVector> inputs = new ArrayList<>();
    for (String input : e.inputs()) {
      inputs.add(batch.getVector(input));
    }
    FieldVector result = e.evaluateVectors(inputs, n, allocator);
    owned.add(result);
    return result;
  }
}
