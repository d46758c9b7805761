package dev.parity.offline;

import dev.parity.offline.parquet.Column;
import dev.parity.offline.parquet.ArrowParquetWriter;
import dev.parity.offline.parquet.ParquetWriteOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Restores input order: join results were spilled by row-number range ({@code bucketRows} rows
 * per bucket and view); while the entity table is read again in order, each bucket is loaded in
 * turn into dense vectors indexed by row number, and rows are written with the entity columns
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

  long write(Path output, BufferAllocator allocator, int batchRows, int threads, Progress progress) {
    List<Column> columns = columns();
    List<Loaded> loaded = new ArrayList<>();
    long[] state = {0, -1};
    try (ArrowParquetWriter out = ArrowParquetWriter.create(output, columns, ParquetWriteOptions.defaults(), threads)) {
      entities.scanAll(allocator, batchRows, (batch, firstRow) -> {
        int n = batch.getRowCount();
        for (int i = 0; i < n; ) {
          long row = state[0] + i;
          long bucket = row / bucketRows;
          if (bucket != state[1]) {
            loaded.forEach(Loaded::close);
            loaded.clear();
            for (int v = 0; v < plans.size(); v++) {
              loaded.add(load(plans.get(v), buckets.get(v)[(int) bucket], bucket * bucketRows, allocator));
            }
            state[1] = bucket;
          }
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
          out.writeBatch(vectors, rows, from, count);
          i += count;
        }
        state[0] += n;
        progress.rowsWritten(n);
      });
      out.commit();
      return state[0];
    } finally {
      loaded.forEach(Loaded::close);
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
