package dev.parity.offline.engine;

import java.util.Arrays;

/**
 * Open-addressing map from {@code long} to dense {@code int} ids: the join's int64 key dictionary.
 * Starts small and doubles at half load, so its size follows the distinct keys (which usually fit
 * in cache) rather than the rows.
 */
final class LongIntMap {
  private long[] keys;
  private int[] values;
  private int mask;
  private int size;

  LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, Math.min(expected, 1 << 12)) * 2 - 1) << 1;
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
      if (2 * (size + 1) > keys.length) {
        grow();
        slot = slot(key);
      }
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

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(values, -1);
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] >= 0) {
        int slot = slot(oldKeys[i]);
        keys[slot] = oldKeys[i];
        values[slot] = oldValues[i];
      }
    }
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
