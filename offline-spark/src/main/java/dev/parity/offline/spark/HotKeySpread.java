package dev.parity.offline.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Spreads hot keys over time ranges so that one key's rows are merged by several tasks. A hot
 * key has boundaries {@code b0 < b1 < ...}; bucket {@code j} holds the entity rows with {@code T}
 * in {@code (b(j-1), bj]} (the number of boundaries below T). A source row goes to its own
 * bucket and is copied to every later bucket {@code j} whose entity rows can still see it: {@code
 * ts > b(j-1) - lookBack} (every later bucket when the look-back is unbounded). A bucket then holds
 * every source row any of its entity rows needs, so the per-bucket merge gives the same values;
 * extra rows older than a window or ttl are ignored there as they are in one merge.
 */
final class HotKeySpread implements FlatMapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** A key's parts (int64 as Long, string as String), hashable. */
  record Key(Object[] parts) implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(parts, k.parts);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(parts);
    }
  }

  private final ViewSpec spec;
  private final Map<Key, long[]> boundaries;
  private final long lookBack;

  /** {@code boundaries}: per hot key, increasing entity times; {@code lookBack} -1 when unbounded. */
  HotKeySpread(ViewSpec spec, Map<Key, long[]> boundaries, long lookBack) {
    this.spec = spec;
    this.boundaries = Map.copyOf(boundaries);
    this.lookBack = lookBack;
  }

  @Override
  public Iterator<Row> call(Row row) {
    Object[] parts = new Object[spec.keyCount()];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = row.get(spec.keyColumn(k));
    }
    long[] bounds = boundaries.get(new Key(parts));
    if (bounds == null) {
      return List.of(row).iterator();
    }
    long time = row.getLong(spec.timeColumn());
    int home = bucket(bounds, time);
    if (row.getInt(ViewSpec.SIDE) == ViewSpec.ENTITY) {
      return List.of(withBucket(row, home)).iterator();
    }
    List<Row> copies = new ArrayList<>();
    copies.add(withBucket(row, home));
    for (int j = home + 1; j <= bounds.length; j++) {
      if (lookBack < 0 || time > bounds[j - 1] - lookBack) {
        copies.add(withBucket(row, j));
      }
    }
    return copies.iterator();
  }

  /** The number of boundaries strictly below {@code time}. */
  static int bucket(long[] bounds, long time) {
    int low = 0;
    int high = bounds.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (bounds[mid] < time) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private Row withBucket(Row row, int bucket) {
    Object[] cells = new Object[row.length()];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = row.get(i);
    }
    cells[spec.bucketColumn()] = bucket;
    return RowFactory.create(cells);
  }
}
