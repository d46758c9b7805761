package dev.parity.offline;

import java.util.Arrays;

/** Open-addressing map from {@code long} to dense {@code int} ids: the join's int64 key dictionary. */
final class LongIntMap {
  private final long[] keys;
  private final int[] values;
  private final int mask;
  private int size;

  LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new long[capacity];
    values = new int[capacity];
    Arrays.fill(values, -1);
    mask = capacity - 1;
  }

  int size() {
    return size;
  }

  /** The id of {@code key}, assigning the next id if it is new. */
  int idOf(long key) {
    int slot = slot(key);
    if (values[slot] < 0) {
      keys[slot] = key;
      values[slot] = size++;
    }
    return values[slot];
  }

  /** The id of {@code key}, or {@code missing}. */
  int get(long key, int missing) {
    int v = values[slot(key)];
    return v < 0 ? missing : v;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    int slot = (int) (h ^ (h >>> 32)) & mask;
    while (values[slot] >= 0 && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }
}
