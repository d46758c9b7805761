package dev.parity.offline.spark;

import dev.parity.definitions.DataType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The streaming merge the Spark engine's joins share: one partition of merge-layout rows ({@link
 * ViewSpec}) sorted by group (the join keys, and what else a policy groups by), event time and
 * the policy's tie-break, read once. Per group it keeps the latest source row seen (greatest by
 * (ts, created, seq), as the embedded engine picks its point-in-time match) and, for
 * aggregations, the source rows inside the widest window ({@link Group}); a policy decides what a
 * row and the end of a group yield: {@link AsOfMerge} answers each entity row at its time, {@link
 * LatestMerge} each group once, at T. Memory: one group's window at a time.
 */
abstract class KeyedMerge implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  final ViewSpec spec;

  KeyedMerge(ViewSpec spec) {
    this.spec = spec;
  }

  /** The group {@code row} belongs to: its join keys, and whatever else the policy groups by. */
  abstract Object[] groupOf(Row row);

  /** Whether {@code row} is a source row (folded into its group) rather than one to answer. */
  abstract boolean isSource(Row row);

  /**
   * Source rows at or before the time returned never fall in a window the policy answers, given
   * the widest window of the view (0 without aggregations): they are not kept.
   */
  abstract long keepAfter(long widestWindow);

  /** The answer to a row that is not a source row, given its group so far; null for none. */
  abstract Row answer(Group group, Row row);

  /** What the end of a group yields; null for nothing. */
  abstract Row groupDone(Group group);

  /** The partition is read: {@code rows} rows in all. */
  void partitionDone(long rows) {}

  @Override
  public final Iterator<Row> call(Iterator<Row> input) {
    return new Iterator<>() {
      private final ArrayDeque<Row> pending = new ArrayDeque<>(2);
      private final Group group = new Group(spec, KeyedMerge.this);
      private boolean open;
      private boolean done;
      private long rows;

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && !done) {
          if (input.hasNext()) {
            accept(input.next());
          } else {
            if (open) {
              offer(groupDone(group));
            }
            partitionDone(rows);
            done = true;
          }
        }
        return !pending.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }

      private void accept(Row row) {
        rows++;
        Object[] key = groupOf(row);
        if (!open || !Arrays.equals(group.key, key)) {
          if (open) {
            offer(groupDone(group));
          }
          group.start(key);
          open = true;
        }
        if (isSource(row)) {
          group.add(row);
        } else {
          offer(answer(group, row));
        }
      }

      private void offer(Row row) {
        if (row != null) {
          pending.add(row);
        }
      }
    };
  }

  /** The join keys of a merge-layout row, then {@code extra} more slots for the policy to fill. */
  final Object[] keys(Row row, int extra) {
    Object[] key = new Object[spec.keyCount() + extra];
    for (int k = 0; k < spec.keyCount(); k++) {
      key[k] = row.get(spec.keyColumn(k));
    }
    return key;
  }

  /**
   * The source rows of one group read so far: the latest (the point-in-time match candidate) and
   * those inside the widest window, {@code [time, v0..vm]} from {@code start}.
   */
  static final class Group {
    private final ViewSpec spec;
    private final long keepAfter;
    private final long widest;
    private final List<Object[]> window = new ArrayList<>();
    private int start;
    private Object[] key;
    private long lastTime;
    private Object lastCreated;
    private Object[] lastValues;

    private Group(ViewSpec spec, KeyedMerge policy) {
      this.spec = spec;
      long w = 0;
      for (ViewSpec.Output o : spec.outputs()) {
        if (o.isAggregation()) {
          w = Math.max(w, o.windowMicros());
        }
      }
      this.widest = w;
      this.keepAfter = policy.keepAfter(w);
    }

    Object[] key() {
      return key;
    }

    private void start(Object[] key) {
      this.key = key;
      lastValues = null;
      window.clear();
      start = 0;
    }

    private void add(Row row) {
      long time = row.getLong(spec.timeColumn());
      Object[] values = new Object[spec.valueTypes().size()];
      for (int v = 0; v < values.length; v++) {
        values[v] = row.get(spec.valueColumn(v));
      }
      lastTime = time;
      lastCreated = row.get(spec.createdColumn());
      lastValues = values;
      if (widest > 0 && time > keepAfter) {
        Object[] entry = new Object[values.length + 1];
        entry[0] = time;
        System.arraycopy(values, 0, entry, 1, values.length);
        window.add(entry);
      }
    }

    /** Whether a source row was read. */
    boolean any() {
      return lastValues != null;
    }

    /** The latest source row's event time; only when {@link #any}. */
    long lastTime() {
      return lastTime;
    }

    /** The latest source row's created time (null for none); only when {@link #any}. */
    Object lastCreated() {
      return lastCreated;
    }

    /** Whether the latest source row is the point-in-time match at {@code t}: read, and within the ttl. */
    boolean matched(long t) {
      return lastValues != null && (spec.ttlMicros() == 0 || lastTime >= t - spec.ttlMicros());
    }

    /**
     * Writes the outputs at {@code t} into {@code cells} from {@code offset}: each feature the
     * match's value (a stored null stays null), each aggregation over {@code (t - window, t]},
     * declared defaults where no source row is in range or an aggregate is null ({@link
     * ViewSpec.Output#value}). Rows at or before {@code t - widest} are dropped for good: callers
     * answer a group's times in ascending order.
     */
    void outputs(long t, Object[] cells, int offset) {
      boolean matched = matched(t);
      while (start < window.size() && (long) window.get(start)[0] <= t - widest) {
        start++;
      }
      if (start > 1024 && start > window.size() / 2) {
        window.subList(0, start).clear();
        start = 0;
      }
      List<ViewSpec.Output> outputs = spec.outputs();
      for (int o = 0; o < outputs.size(); o++) {
        ViewSpec.Output output = outputs.get(o);
        if (!output.isAggregation()) {
          cells[offset + o] = output.value(matched, matched ? lastValues[output.valueIndex()] : null);
          continue;
        }
        int from = start;
        long after = t - output.windowMicros();
        while (from < window.size() && (long) window.get(from)[0] <= after) {
          from++;
        }
        DataType inputType = output.valueIndex() < 0 ? null : spec.valueTypes().get(output.valueIndex());
        cells[offset + o] = output.value(true, WindowFunctions.compute(output.function(), inputType, window, from,
            output.valueIndex() < 0 ? -1 : output.valueIndex() + 1));
      }
    }
  }
}
