package dev.parity.offline.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * The latest values of one partition of a view's source rows: merge-layout rows ({@link
 * ViewSpec}, source side only) sorted by key, event time, created (null first) and source order,
 * read once. Per key it yields what a training-set row at {@code T = end} gets from the embedded
 * engine's join, provided the key has a kept row at or after {@code selectFrom} (the embedded
 * engine's synthetic entity table): the point-in-time features of the greatest row when it is
 * within the ttl, each aggregation over {@code (T - window, T]}, then that row's event time and
 * created time (both null without a row within the ttl). Output: {@code (k0..kn, o0..om, event,
 * created)}. Memory: the rows of one key inside the widest window.
 */
final class LatestMerge implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final ViewSpec spec;
  private final long end;
  private final long selectFrom;
  private final LongAccumulator rowsMerged;

  /**
   * @param end T, in UTC microseconds; every row has an event time at or before it
   * @param selectFrom keys without a row at or after this time yield nothing
   * @param rowsMerged counts the source rows read
   */
  LatestMerge(ViewSpec spec, long end, long selectFrom, LongAccumulator rowsMerged) {
    this.spec = spec;
    this.end = end;
    this.selectFrom = selectFrom;
    this.rowsMerged = rowsMerged;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    return new Iterator<>() {
      private Row pending;
      private Object[] group;
      private boolean selected;
      private long lastTime;
      private Object lastCreated;
      private Object[] lastValues;
      /** Rows of the current key inside the widest window: {@code [time, v0..vm]}. */
      private final List<Object[]> window = new ArrayList<>();
      private final long widest = widestWindow();
      private long merged;

      @Override
      public boolean hasNext() {
        while (pending == null && (input.hasNext() || group != null)) {
          if (!input.hasNext()) {
            pending = finish();
            group = null;
            rowsMerged.add(merged);
            merged = 0;
          } else {
            pending = accept(input.next());
          }
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

      /** Folds in a row; when it starts a new key, returns the previous key's result (or null). */
      private Row accept(Row row) {
        merged++;
        Object[] key = new Object[spec.keyCount()];
        for (int k = 0; k < key.length; k++) {
          key[k] = row.get(spec.keyColumn(k));
        }
        Row done = null;
        if (group == null || !Arrays.equals(group, key)) {
          done = group == null ? null : finish();
          group = key;
          selected = false;
          lastValues = null;
          window.clear();
        }
        long time = row.getLong(spec.timeColumn());
        Object[] values = new Object[spec.valueTypes().size()];
        for (int v = 0; v < values.length; v++) {
          values[v] = row.get(spec.valueColumn(v));
        }
        selected |= time >= selectFrom;
        lastTime = time;
        lastCreated = row.get(spec.createdColumn());
        lastValues = values;
        if (widest > 0 && time > end - widest) {
          Object[] entry = new Object[values.length + 1];
          entry[0] = time;
          System.arraycopy(values, 0, entry, 1, values.length);
          window.add(entry);
        }
        return done;
      }

      /** The current key's latest values, or null when the key is not selected. */
      private Row finish() {
        if (!selected) {
          return null;
        }
        List<ViewSpec.Output> outputs = spec.outputs();
        Object[] cells = new Object[spec.keyCount() + outputs.size() + 2];
        System.arraycopy(group, 0, cells, 0, group.length);
        boolean matched = spec.ttlMicros() == 0 || lastTime >= end - spec.ttlMicros();
        for (int o = 0; o < outputs.size(); o++) {
          ViewSpec.Output output = outputs.get(o);
          Object value;
          if (!output.isAggregation()) {
            value = matched ? lastValues[output.valueIndex()] : null;
          } else {
            int from = 0;
            long after = end - output.windowMicros();
            while (from < window.size() && (long) window.get(from)[0] <= after) {
              from++;
            }
            value = WindowFunctions.compute(output.function(),
                output.valueIndex() < 0 ? null : spec.valueTypes().get(output.valueIndex()), window, from,
                output.valueIndex() < 0 ? -1 : output.valueIndex() + 1);
          }
          cells[spec.keyCount() + o] = value;
        }
        cells[cells.length - 2] = matched ? lastTime : null;
        cells[cells.length - 1] = matched ? lastCreated : null;
        return RowFactory.create(cells);
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
