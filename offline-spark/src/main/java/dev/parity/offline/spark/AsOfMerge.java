package dev.parity.offline.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The as-of merge of a training set ({@link KeyedMerge}'s policy for entity rows): rows sorted by
 * key, bucket, time, side (source rows before entity rows of the same time: {@code ts <= T}
 * matches), created (null first) and source order. Groups are (keys, bucket): a hot key's time
 * ranges are merged apart ({@link HotKeySpread}). Each entity row yields {@code (row, o0..om)}: the
 * point-in-time match when {@code ts >= T - ttl}, each aggregation over {@code (T - window, T]},
 * declared defaults filled.
 */
final class AsOfMerge extends KeyedMerge {
  private static final long serialVersionUID = 2L;

  AsOfMerge(ViewSpec spec) {
    super(spec);
  }

  @Override
  Object[] groupOf(Row row) {
    Object[] key = keys(row, 1);
    key[spec.keyCount()] = row.get(spec.bucketColumn());
    return key;
  }

  @Override
  boolean isSource(Row row) {
    return row.getInt(ViewSpec.SIDE) == ViewSpec.SOURCE;
  }

  @Override
  long keepAfter(long widestWindow) {
    // Entity times of a group vary: every source row may fall in some entity row's window.
    return Long.MIN_VALUE;
  }

  @Override
  Row answer(Group group, Row entity) {
    Object[] cells = new Object[1 + spec.outputs().size()];
    cells[0] = entity.getLong(spec.seqColumn());
    group.outputs(entity.getLong(spec.timeColumn()), cells, 1);
    return RowFactory.create(cells);
  }

  @Override
  Row groupDone(Group group) {
    return null;
  }
}
