package dev.parity.offline.spark;

import dev.parity.definitions.expr.CompiledExpression;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Computes the on-demand features of joined rows in the executor, over Arrow batches of {@code
 * batchRows} rows, with feature-definitions' compiled evaluator (the embedded engine's output pass
 * evaluates the same expressions over its Arrow batches): each output row is the input row
 * followed by one value per on-demand feature, in dependency order, as the jobs carry values
 * (timestamps as UTC microseconds).
 */
final class OnDemandTransform implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final List<ExpressionSpec> expressions;
  /**
   * For each expression, where each input comes from: a field of the input row ({@code >= 0}), or
   * the on-demand feature {@code k} computed before it ({@code -(k + 1)}).
   */
  private final List<int[]> inputs;
  private final int width;
  private final int batchRows;

  OnDemandTransform(List<ExpressionSpec> expressions, List<int[]> inputs, int width, int batchRows) {
    this.expressions = List.copyOf(expressions);
    this.inputs = List.copyOf(inputs);
    this.width = width;
    this.batchRows = batchRows;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    List<CompiledExpression> compiled = new ArrayList<>();
    for (ExpressionSpec e : expressions) {
      compiled.add(e.compile());
    }
    return RowBatches.map(input, batchRows, (batch, out) -> compute(batch, compiled, out));
  }

  private void compute(List<Row> batch, List<CompiledExpression> compiled, List<Row> out) {
    int n = batch.size();
    Object[][] results = new Object[compiled.size()][];
    try (BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
      for (int e = 0; e < compiled.size(); e++) {
        List<Object[]> values = new ArrayList<>();
        for (int source : inputs.get(e)) {
          if (source < 0) {
            values.add(results[-source - 1]);
            continue;
          }
          Object[] column = new Object[n];
          for (int r = 0; r < n; r++) {
            column[r] = batch.get(r).get(source);
          }
          values.add(column);
        }
        results[e] = ArrowBatch.evaluate(compiled.get(e), values, n, allocator);
      }
    }
    for (int r = 0; r < n; r++) {
      Row row = batch.get(r);
      Object[] cells = new Object[width + compiled.size()];
      for (int c = 0; c < width; c++) {
        cells[c] = row.get(c);
      }
      for (int e = 0; e < compiled.size(); e++) {
        cells[width + e] = results[e][r];
      }
      out.add(RowFactory.create(cells));
    }
  }
}
