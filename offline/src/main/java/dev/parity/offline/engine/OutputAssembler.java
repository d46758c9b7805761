package dev.parity.offline.engine;

import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ArrowParquetWriter;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.work.WorkFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.OfflineException;
import dev.parity.offline.Progress;

/**
 * Restores input order: join results were spilled by row-number range ({@code bucketRows} rows
 * per bucket and view); while the entity table is read again in order, each bucket is loaded in
 * turn (the next one on another thread while one is being written) into dense vectors indexed
 * by row number, and rows are written with the entity columns
 * followed by every view's outputs. The output appears only on success (atomic rename).
 */
final class OutputAssembler {
  private final EntityInput entities;
  private final List<ViewPlan> plans;
  private final List<Path[]> buckets;
  private final long bucketRows;

  OutputAssembler(EntityInput entities, List<ViewPlan> plans, List<Path[]> buckets, long bucketRows) {
    this.entities = entities;
    this.plans = plans;
    this.buckets = buckets;
    this.bucketRows = bucketRows;
  }

  List<Column> columns() {
    List<Column> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int c = 0; c < entities.columns().size(); c++) {
      columns.add(Column.optional(entities.columns().get(c), entities.types().get(c)));
      names.add(entities.columns().get(c));
    }
    for (ViewPlan plan : plans) {
      for (ViewPlan.Output o : plan.outputs) {
        String name = plan.name() + "__" + o.name();
        if (names.contains(name)) {
          throw new InputSchemaException(entities.firstFile(), name, "clashes with an output column of the training set");
        }
        columns.add(Column.optional(name, o.type()));
        names.add(name);
      }
    }
    return columns;
  }

  /** Writes the output, its temporary file recorded by the run's working folder {@code owner}. */
  long write(Path output, WorkFolder owner, BufferAllocator allocator, int batchRows, int threads, Progress progress) {
    List<Column> columns = columns();
    long[] state = {0, -1};
    // The bucket being written, as a one-element holder the scan's callback can replace.
    List<List<Loaded>> current = new ArrayList<>(List.of(List.of()));
    // Batches go to the writer with writeBatchAhead: it may still be encoding one when the next
    // is handed over, so what a batch read (its entity columns, a bucket left behind) is closed
    // only once the next call has returned. Closed after the writer in every case.
    List<AutoCloseable> retired = new ArrayList<>();
    try {
      try (ArrowParquetWriter out = ArrowParquetWriter.create(output, columns, ParquetWriteOptions.defaults(), threads, owner);
          Prefetch prefetch = new Prefetch(allocator)) {
        entities.scanAll(allocator, batchRows, (scanned, firstRow) -> {
          // The scanner reuses its vectors for the next batch: this one's move to a root of their own.
          VectorSchemaRoot batch = Vectors.moved(scanned);
          try {
            int n = batch.getRowCount();
            for (int i = 0; i < n; ) {
              long row = state[0] + i;
              long bucket = row / bucketRows;
              if (bucket != state[1]) {
                retired.addAll(current.get(0));
                current.set(0, List.of()); // retired: not closed twice if the next take fails
                current.set(0, prefetch.take((int) bucket));
                state[1] = bucket;
              }
              List<Loaded> loaded = current.get(0);
              int count = (int) Math.min(n - i, (bucket + 1) * bucketRows - row);
              FieldVector[] vectors = new FieldVector[columns.size()];
              int[][] rows = new int[columns.size()][];
              int[] from = new int[columns.size()];
              int column = 0;
              for (FieldVector v : batch.getFieldVectors()) {
                vectors[column] = v;
                from[column++] = i;
              }
              int dense = (int) (row - bucket * bucketRows);
              for (Loaded results : loaded) {
                List<FieldVector> outputs = results.all().getFieldVectors();
                for (int o = 1; o < outputs.size(); o++) {
                  vectors[column] = outputs.get(o);
                  rows[column] = results.position();
                  from[column++] = dense;
                }
              }
              // What was retired before this call was last read by a batch this call waits for.
              List<AutoCloseable> done = new ArrayList<>(retired);
              retired.clear();
              try {
                out.writeBatchAhead(vectors, rows, from, count);
              } catch (RuntimeException e) {
                retired.addAll(done);
                throw e;
              }
              ArrowOfflineEngine.closeAll(done);
              i += count;
            }
            state[0] += n;
            progress.rowsWritten(n);
          } finally {
            retired.add(batch); // last read by the batch just handed over, if any
          }
        });
        out.commit();
        return state[0];
      }
    } finally {
      retired.addAll(current.get(0));
      ArrowOfflineEngine.closeAll(retired);
    }
  }

  /**
   * Loads the buckets in order on a thread of its own, the next one while the current one is
   * being written (the load was the single-threaded part of the output phase: the encoder
   * threads waited for it at every bucket). At most two buckets per view are in memory: the one
   * being written and the next. Used by the scan's thread only.
   */
  private final class Prefetch implements AutoCloseable {
    private final BufferAllocator allocator;
    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "parity-output-load");
      t.setDaemon(true);
      return t;
    });
    private final int bucketCount = buckets.isEmpty() ? 0 : buckets.get(0).length;
    private Future<List<Loaded>> next;
    private int nextBucket = -1;

    Prefetch(BufferAllocator allocator) {
      this.allocator = allocator;
    }

    /** Every view's results for {@code bucket}; starts loading {@code bucket + 1}. The caller closes them. */
    List<Loaded> take(int bucket) {
      List<Loaded> loaded;
      if (next != null && nextBucket == bucket) {
        Future<List<Loaded>> pending = next;
        next = null;
        loaded = await(pending);
      } else {
        discardNext();
        loaded = loadAll(bucket);
      }
      if (bucket + 1 < bucketCount) {
        try {
          nextBucket = bucket + 1;
          next = pool.submit(() -> loadAll(bucket + 1));
        } catch (RuntimeException e) {
          ArrowOfflineEngine.closeAll(loaded);
          throw e;
        }
      }
      return loaded;
    }

    private List<Loaded> loadAll(int bucket) {
      List<Loaded> loaded = new ArrayList<>();
      try {
        for (int v = 0; v < plans.size(); v++) {
          loaded.add(load(plans.get(v), buckets.get(v)[bucket], bucket * bucketRows, allocator));
        }
        return loaded;
      } catch (RuntimeException e) {
        ArrowOfflineEngine.closeAll(loaded);
        throw e;
      }
    }

    private static List<Loaded> await(Future<List<Loaded>> pending) {
      // Not interruptible: the task holds buffers of the caller's allocator, which must be
      // closed before the allocator is; the interrupt flag is restored afterwards.
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return pending.get();
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
              throw r;
            }
            throw new OfflineException("cannot load join results: " + e.getCause(), e.getCause());
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void discardNext() {
      if (next != null) {
        Future<List<Loaded>> pending = next;
        next = null;
        // A failed load released what it had read and its failure propagates (suppressed by the
        // caller's own failure, if any, in try-with-resources).
        ArrowOfflineEngine.closeAll(await(pending));
      }
    }

    @Override
    public void close() {
      try {
        discardNext();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** One view's results for one bucket: row {@code base + i} is row {@code position[i]} of {@code all}. */
  private record Loaded(VectorSchemaRoot all, int[] position) implements AutoCloseable {
    @Override
    public void close() {
      all.close();
    }
  }

  /** The outputs of one view for rows {@code [base, base + bucketRows)}, in partition order. */
  private Loaded load(ViewPlan plan, Path bucket, long base, BufferAllocator allocator) {
    VectorSchemaRoot all = SpillFile.readAll(bucket, plan.resultSchema, allocator);
    try {
      int n = all.getRowCount();
      int[] position = new int[n];
      long[] rows = Vectors.longs((BigIntVector) all.getVector(0), n);
      for (int i = 0; i < n; i++) {
        position[(int) (rows[i] - base)] = i;
      }
      return new Loaded(all, position);
    } catch (RuntimeException e) {
      all.close();
      throw e;
    }
  }
}
