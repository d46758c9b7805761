package dev.parity.offline.features;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.offline.Progress;
import dev.parity.offline.features.SelectionPlan.Output;
import dev.parity.offline.parquet.write.ArrowParquetWriter;
import dev.parity.offline.parquet.write.Column;
import dev.parity.offline.parquet.write.ParquetFiles;
import dev.parity.offline.parquet.write.ParquetWriteOptions;
import dev.parity.offline.work.WorkFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import dev.parity.offline.parquet.read.ParquetBatchReader;

/**
 * The second pass over the engine's joined file: per Arrow batch, computes the on-demand features
 * in dependency order with their compiled expressions (over the joined {@code view__feature}
 * columns and the entity table's request columns), then writes the entity columns and the selected
 * features, in selection order and under their output names, and feeds the statistics. The output
 * appears only on commit.
 */
final class OutputPass {
  private final SelectionPlan plan;
  private final List<String> entityColumns;
  private final List<DataType> entityTypes;

  OutputPass(SelectionPlan plan, List<String> entityColumns, List<DataType> entityTypes) {
    this.plan = plan;
    this.entityColumns = entityColumns;
    this.entityTypes = entityTypes;
  }

  /** Rows written and the statistics of each output feature. */
  record Written(long rows, List<String> columns, List<FeatureStatistics> statistics) {}

  /**
   * @param threads how many threads may encode column ranges of the output in parallel
   */
  Written write(Path joined, Path output, WorkFolder owner, BufferAllocator allocator, int batchRows, int threads,
      Progress progress) {
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < entityColumns.size(); c++) {
      columns.add(Column.optional(entityColumns.get(c), entityTypes.get(c)));
    }
    for (Output o : plan.outputs) {
      columns.add(Column.optional(o.column(), o.type()));
    }
    List<StatisticsCollector> collectors = collectors();
    long[] rows = {0};
    // Column at a time (ArrowParquetWriter), not row at a time: the row writer made this pass cost
    // as much as the whole point-in-time join.
    try (ArrowParquetWriter out = ArrowParquetWriter.create(output, columns, ParquetWriteOptions.defaults(), threads, owner)) {
      new ParquetBatchReader(joined).read(allocator, batchRows, batch -> {
        Map<String, FieldVector> computed = computeOnDemand(batch, allocator);
        try {
          List<FieldVector> vectors = new ArrayList<>();
          entityColumns.forEach(c -> vectors.add(batch.getVector(c)));
          for (Output o : plan.outputs) {
            vectors.add(o.onDemand() ? computed.get(o.ref().toString()) : batch.getVector(SelectionPlan.joinedColumn(o.ref())));
          }
          int n = batch.getRowCount();
          out.writeBatch(vectors.toArray(FieldVector[]::new), new int[vectors.size()][], new int[vectors.size()], n);
          for (int o = 0; o < collectors.size(); o++) {
            collectors.get(o).add(vectors.get(entityColumns.size() + o), n);
          }
          rows[0] += n;
          progress.rowsWritten(n);
        } finally {
          computed.values().forEach(FieldVector::close);
        }
      });
      out.commit();
    }
    List<FeatureStatistics> statistics = collectors.stream().map(StatisticsCollector::result).toList();
    return new Written(rows[0], columns.stream().map(Column::name).toList(), statistics);
  }

  /**
   * Whether the engine's joined file already is the output: nothing to compute and the same
   * columns, names, order and types. Then {@link #publish} replaces {@link #write}.
   */
  boolean joinedIsOutput(Map<String, DataType> joinedColumns) {
    if (!plan.onDemandOrder.isEmpty()) {
      return false;
    }
    Map<String, DataType> output = new LinkedHashMap<>();
    for (int c = 0; c < entityColumns.size(); c++) {
      output.put(entityColumns.get(c), entityTypes.get(c));
    }
    for (Output o : plan.outputs) {
      if (!o.column().equals(SelectionPlan.joinedColumn(o.ref()))) {
        return false;
      }
      output.put(o.column(), o.type());
    }
    return new ArrayList<>(output.entrySet()).equals(new ArrayList<>(joinedColumns.entrySet()));
  }

  /**
   * Collects the statistics from the joined file's feature columns (read column by column on up to
   * {@code threads} threads: {@link ColumnStatisticsReader}), then publishes it as the output: the
   * same file {@link #write} would write, without writing it again.
   */
  Written publish(Path joined, Path output, WorkFolder owner, long rows, int threads, Progress progress) {
    List<FeatureStatistics> statistics = ColumnStatisticsReader.read(joined, collectors(), threads);
    ParquetFiles.publish(joined, output, owner);
    progress.rowsWritten(rows);
    List<String> columns = new ArrayList<>(entityColumns);
    plan.outputs.forEach(o -> columns.add(o.column()));
    return new Written(rows, columns, statistics);
  }

  /** One statistics collector per output feature, in output order. */
  private List<StatisticsCollector> collectors() {
    return plan.outputs.stream()
        .map(o -> new StatisticsCollector(o.ref().view() + ":" + o.ref().feature(), o.column(), o.type())).toList();
  }

  /** On-demand values of one batch by {@code view.feature}; the caller closes them. */
  private Map<String, FieldVector> computeOnDemand(VectorSchemaRoot batch, BufferAllocator allocator) {
    Map<String, FieldVector> computed = new HashMap<>();
    try {
      for (FeatureRef ref : plan.onDemandOrder) {
        CompiledExpression expression = plan.repository.expression(ref).orElseThrow();
        List<FieldVector> inputs = new ArrayList<>();
        for (String input : expression.inputs()) {
          int dot = input.indexOf('.');
          if (dot < 0) {
            inputs.add(batch.getVector(input));
          } else if (computed.containsKey(input)) {
            inputs.add(computed.get(input));
          } else {
            inputs.add(batch.getVector(input.substring(0, dot) + "__" + input.substring(dot + 1)));
          }
        }
        computed.put(ref.toString(), expression.evaluateVectors(inputs, batch.getRowCount(), allocator));
      }
      return computed;
    } catch (RuntimeException e) {
      computed.values().forEach(FieldVector::close);
      throw e;
    }
  }
}
