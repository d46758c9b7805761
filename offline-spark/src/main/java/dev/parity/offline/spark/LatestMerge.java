package dev.parity.offline.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * The latest values of a materialization ({@link KeyedMerge}'s policy for one answer per key at
 * {@code T = end}): source rows only, sorted by key, event time, created (null first) and source
 * order. Per key it yields what a training-set row at T gets from the embedded engine's join,
 * provided the key has a kept row at or after {@code selectFrom} (the embedded engine's synthetic
 * entity table): the point-in-time features of the greatest row (their declared defaults without
 * one within the ttl), each aggregation over {@code (T - window, T]} (its default where null), then
 * that row's event time and created time (both null without a row within the ttl: not written
 * online). Output: {@code (k0..kn, o0..om, event, created)}. Memory: the rows of one key inside the
 * widest window.
 */
final class LatestMerge extends KeyedMerge {
  private static final long serialVersionUID = 2L;

  private final long end;
  private final long selectFrom;
  private final LongAccumulator rowsMerged;

  /**
   * @param end T, in UTC microseconds; every row has an event time at or before it
   * @param selectFrom keys without a row at or after this time yield nothing
   * @param rowsMerged counts the source rows read
   */
  LatestMerge(ViewSpec spec, long end, long selectFrom, LongAccumulator rowsMerged) {
    super(spec);
    this.end = end;
    this.selectFrom = selectFrom;
    this.rowsMerged = rowsMerged;
  }

  @Override
  Object[] groupOf(Row row) {
    return keys(row, 0);
  }

  @Override
  boolean isSource(Row row) {
    return true;
  }

  @Override
  long keepAfter(long widestWindow) {
    // Only the windows ending at T are asked for.
    return end - widestWindow;
  }

  @Override
  Row answer(Group group, Row row) {
    throw new IllegalStateException("latest values read source rows only");
  }

  @Override
  Row groupDone(Group group) {
    // Rows are in time order: the last is the greatest, so the key is selected if it is recent enough.
    if (!group.any() || group.lastTime() < selectFrom) {
      return null;
    }
    Object[] cells = new Object[spec.keyCount() + spec.outputs().size() + 2];
    System.arraycopy(group.key(), 0, cells, 0, spec.keyCount());
    group.outputs(end, cells, spec.keyCount());
    boolean matched = group.matched(end);
    cells[cells.length - 2] = matched ? group.lastTime() : null;
    cells[cells.length - 1] = matched ? group.lastCreated() : null;
    return RowFactory.create(cells);
  }

  @Override
  void partitionDone(long rows) {
    rowsMerged.add(rows);
  }
}
