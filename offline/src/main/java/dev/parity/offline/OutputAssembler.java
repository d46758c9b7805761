package dev.parity.offline;

import dev.parity.definitions.DataType;
import dev.parity.offline.parquet.Column;
import dev.parity.offline.parquet.ParquetFiles;
import dev.parity.offline.parquet.ParquetWriteOptions;
import dev.parity.offline.parquet.RowWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
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

  long write(Path output, BufferAllocator allocator, int batchRows, Progress progress) {
    List<Column> columns = columns();
    List<VectorSchemaRoot> loaded = new ArrayList<>();
    long[] state = {0, -1};
    try (RowWriter out = ParquetFiles.create(output, columns, ParquetWriteOptions.defaults())) {
      entities.scanAll(allocator, batchRows, (batch, firstRow) -> {
        int n = batch.getRowCount();
        for (int i = 0; i < n; i++) {
          long row = state[0] + i;
          long bucket = row / bucketRows;
          if (bucket != state[1]) {
            loaded.forEach(VectorSchemaRoot::close);
            loaded.clear();
            for (int v = 0; v < plans.size(); v++) {
              loaded.add(load(plans.get(v), buckets.get(v)[(int) bucket], bucket * bucketRows, allocator));
            }
            state[1] = bucket;
          }
          int column = 0;
          for (FieldVector v : batch.getFieldVectors()) {
            set(out, column++, v, i);
          }
          int dense = (int) (row - bucket * bucketRows);
          for (VectorSchemaRoot results : loaded) {
            for (FieldVector v : results.getFieldVectors()) {
              set(out, column++, v, dense);
            }
          }
          out.endRow();
        }
        state[0] += n;
        progress.rowsWritten(n);
      });
      out.commit();
      return state[0];
    } finally {
      loaded.forEach(VectorSchemaRoot::close);
    }
  }

  /**
   * The outputs of one view for rows {@code [base, base + bucketRows)}, indexed from 0. The
   * bucket's rows arrive in partition order; they are copied in row order because
   * variable-width vectors must be filled in index order.
   */
  private VectorSchemaRoot load(ViewPlan plan, Path bucket, long base, BufferAllocator allocator) {
    List<org.apache.arrow.vector.types.pojo.Field> fields = plan.resultSchema.getFields();
    VectorSchemaRoot dense = VectorSchemaRoot.create(
        new org.apache.arrow.vector.types.pojo.Schema(fields.subList(1, fields.size())), allocator);
    try (VectorSchemaRoot all = SpillFile.readAll(bucket, plan.resultSchema, allocator)) {
      int n = all.getRowCount();
      int[] position = new int[n];
      BigIntVector row = (BigIntVector) all.getVector(0);
      for (int i = 0; i < n; i++) {
        position[(int) (row.get(i) - base)] = i;
      }
      dense.getFieldVectors().forEach(v -> {
        v.setInitialCapacity(n);
        v.allocateNew();
      });
      for (int o = 0; o < dense.getFieldVectors().size(); o++) {
        FieldVector to = dense.getVector(o);
        FieldVector from = all.getVector(o + 1);
        for (int i = 0; i < n; i++) {
          to.copyFromSafe(position[i], i, from);
        }
      }
      dense.setRowCount(n);
      return dense;
    } catch (RuntimeException e) {
      dense.close();
      throw e;
    }
  }

  static void set(RowWriter out, int column, FieldVector v, int i) {
    if (v.isNull(i)) {
      out.setNull(column);
      return;
    }
    DataType type = Vectors.typeOf(v);
    switch (type) {
      case BOOL:
        out.setBoolean(column, ((BitVector) v).get(i) != 0);
        break;
      case INT64:
        out.setLong(column, ((BigIntVector) v).get(i));
        break;
      case FLOAT64:
        out.setDouble(column, ((Float8Vector) v).get(i));
        break;
      case STRING:
        out.setString(column, new String(((VarCharVector) v).get(i), java.nio.charset.StandardCharsets.UTF_8));
        break;
      default:
        out.setTimestampMicros(column, ((TimeStampMicroTZVector) v).get(i));
    }
  }
}
