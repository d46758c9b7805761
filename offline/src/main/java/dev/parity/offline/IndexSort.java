package dev.parity.offline;

/** Stable sort of an {@code int[]} range by a primitive comparator, without boxing. */
final class IndexSort {
  private IndexSort() {}

  @FunctionalInterface
  interface IntComparator {
    int compare(int a, int b);
  }

  /** Sorts {@code a[from..to)} stably; {@code scratch} must be at least as long as {@code a}. */
  static void sort(int[] a, int[] scratch, int from, int to, IntComparator c) {
    if (to - from < 24) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && c.compare(a[j], v) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sort(a, scratch, from, mid, c);
    sort(a, scratch, mid, to, c);
    if (c.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, scratch, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && c.compare(scratch[i], scratch[j]) <= 0)) {
        a[k] = scratch[i++];
      } else {
        a[k] = scratch[j++];
      }
    }
  }
}
