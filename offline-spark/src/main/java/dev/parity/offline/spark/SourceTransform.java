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
 * Turns scanned source rows {@code (k0..kn, ts, cr, seq, c0..cj)} into merge-layout rows ({@link
 * ViewSpec}), evaluating the view's row transforms in the executor over Arrow batches of {@code
 * batchRows} rows with feature-definitions' compiled evaluator (the embedded engine evaluates
 * them over its Arrow scan batches the same way).
 */
final class SourceTransform implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** Where value v comes from: scanned column {@code column} (>= 0) or expression {@code expression}. */
  record Value(int column, int expression) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final ViewSpec spec;
  private final List<Value> values;
  private final List<ExpressionSpec> expressions;
  /** For each expression, the scanned column of each of its inputs. */
  private final List<int[]> expressionInputs;
  private final int batchRows;

  SourceTransform(ViewSpec spec, List<Value> values, List<ExpressionSpec> expressions, List<int[]> expressionInputs,
      int batchRows) {
    this.spec = spec;
    this.values = List.copyOf(values);
    this.expressions = List.copyOf(expressions);
    this.expressionInputs = List.copyOf(expressionInputs);
    this.batchRows = batchRows;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    List<CompiledExpression> compiled = new ArrayList<>();
    for (ExpressionSpec e : expressions) {
      compiled.add(e.compile());
    }
    return RowBatches.map(input, batchRows, (batch, out) -> transform(batch, compiled, out));
  }

  private void transform(List<Row> batch, List<CompiledExpression> compiled, List<Row> out) {
    int n = batch.size();
    int scanned = spec.keyCount() + 3;
    Object[][] results = new Object[compiled.size()][];
    if (!compiled.isEmpty()) {
      try (BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE)) {
        for (int e = 0; e < compiled.size(); e++) {
          results[e] = evaluate(compiled.get(e), expressionInputs.get(e), batch, scanned, allocator);
        }
      }
    }
    for (int i = 0; i < n; i++) {
      Row row = batch.get(i);
      Object[] cells = new Object[spec.width()];
      cells[ViewSpec.SIDE] = ViewSpec.SOURCE;
      for (int k = 0; k < spec.keyCount(); k++) {
        cells[spec.keyColumn(k)] = row.get(k);
      }
      cells[spec.bucketColumn()] = 0;
      cells[spec.timeColumn()] = row.get(spec.keyCount());
      cells[spec.createdColumn()] = row.get(spec.keyCount() + 1);
      cells[spec.seqColumn()] = row.get(spec.keyCount() + 2);
      for (int v = 0; v < values.size(); v++) {
        Value value = values.get(v);
        cells[spec.valueColumn(v)] = value.column() >= 0 ? row.get(scanned + value.column()) : results[value.expression()][i];
      }
      out.add(RowFactory.create(cells));
    }
  }

  private static Object[] evaluate(CompiledExpression e, int[] inputColumns, List<Row> batch, int scanned,
      BufferAllocator allocator) {
    int n = batch.size();
    List<Object[]> inputs = new ArrayList<>();
    for (int column : inputColumns) {
      Object[] values = new Object[n];
      for (int r = 0; r < n; r++) {
        values[r] = batch.get(r).get(scanned + column);
      }
      inputs.add(values);
    }
    return ArrowBatch.evaluate(e, inputs, n, allocator);
  }
}
