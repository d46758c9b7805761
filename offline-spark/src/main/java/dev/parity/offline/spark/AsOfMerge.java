package dev.parity.offline.spark;

import dev.parity.definitions.DataType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The as-of merge of one partition: merge-layout rows ({@link ViewSpec}) sorted by key, bucket,
 * time, side (source rows before entity rows of the same time: {@code ts <= T} matches), created
 * (null first) and source order, read once. Per key it keeps the latest source row seen (the
 * point-in-time match when {@code ts >= T - ttl}, greatest by (ts, created, seq) as in the
 * embedded engine) and, for aggregations, the source rows still inside the widest window; each
 * entity row yields {@code (row, o0..om)}. Memory: one key's window at a time.
 */
final class AsOfMerge implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final ViewSpec spec;

  AsOfMerge(ViewSpec spec) {
    this.spec = spec;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new Iterator<>() {
      private Row pending;
      private Object[] group;
      private long lastTime;
      private Object[] lastValues;
      /** Window rows: {@code [time, v0..vm]}, from {@code start}. */
      private final List<Object[]> window = new ArrayList<>();
      private int start;
      private final boolean aggregating = spec.hasAggregations();
      private final long widest = widestWindow();

      @Override
      public boolean hasNext() {
        while (pending == null && input.hasNext()) {
          pending = accept(input.next());
        }
        return pending != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = pending;
        pending = null;
        return row;
      }

      /** Folds in a source row (null result) or answers an entity row. */
      private Row accept(Row row) {
        Object[] key = groupOf(row);
        if (group == null || !java.util.Arrays.equals(group, key)) {
          group = key;
          lastValues = null;
          window.clear();
          start = 0;
        }
        long time = row.getLong(spec.timeColumn());
        if (row.getInt(ViewSpec.SIDE) == ViewSpec.SOURCE) {
          Object[] values = new Object[spec.valueTypes().size()];
          for (int v = 0; v < values.length; v++) {
            values[v] = row.get(spec.valueColumn(v));
          }
          lastTime = time;
          lastValues = values;
          if (aggregating) {
            Object[] entry = new Object[values.length + 1];
            entry[0] = time;
            System.arraycopy(values, 0, entry, 1, values.length);
            window.add(entry);
          }
          return null;
        }
        return answer(row.getLong(spec.seqColumn()), time);
      }

      private Row answer(long entityRow, long t) {
        List<ViewSpec.Output> outputs = spec.outputs();
        Object[] cells = new Object[1 + outputs.size()];
        cells[0] = entityRow;
        boolean matched = lastValues != null && (spec.ttlMicros() == 0 || lastTime >= t - spec.ttlMicros());
        if (aggregating) {
          // Entity times only grow within a key: rows at or before T - widest leave for good.
          while (start < window.size() && (long) window.get(start)[0] <= t - widest) {
            start++;
          }
          if (start > 1024 && start > window.size() / 2) {
            window.subList(0, start).clear();
            start = 0;
          }
        }
        for (int o = 0; o < outputs.size(); o++) {
          ViewSpec.Output output = outputs.get(o);
          if (!output.isAggregation()) {
            cells[1 + o] = output.value(matched, matched ? lastValues[output.valueIndex()] : null);
            continue;
          }
          int from = start;
          long after = t - output.windowMicros();
          while (from < window.size() && (long) window.get(from)[0] <= after) {
            from++;
          }
          DataType inputType = output.valueIndex() < 0 ? null : spec.valueTypes().get(output.valueIndex());
          cells[1 + o] = output.value(true, WindowFunctions.compute(output.function(), inputType, window, from,
              output.valueIndex() < 0 ? -1 : output.valueIndex() + 1));
        }
        return RowFactory.create(cells);
      }

      private Object[] groupOf(Row row) {
        Object[] key = new Object[spec.keyCount() + 1];
        for (int k = 0; k < spec.keyCount(); k++) {
          key[k] = row.get(spec.keyColumn(k));
        }
        key[spec.keyCount()] = row.get(spec.bucketColumn());
        return key;
      }

      private long widestWindow() {
        long w = 0;
        for (ViewSpec.Output o : spec.outputs()) {
          if (o.isAggregation()) {
            w = Math.max(w, o.windowMicros());
          }
        }
        return w;
      }
    };
  }

}
