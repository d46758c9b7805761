package dev.parity.offline.engine;

/**
 * Stable merge sort of row indices by up to three {@code long} sort keys, without boxing or
 * comparator calls (a comparator lambda per call site was the join's hottest spot).
 */
final class IndexSort {
  private IndexSort() {}

  /**
   * Sorts {@code a[from..to)} stably by {@code (k1, k2, k3)} of each index; {@code k2} and {@code
   * k3} may be null. {@code scratch} must be at least as long as {@code a}.
   */
  static void sort(int[] a, int[] scratch, int from, int to, long[] k1, long[] k2, long[] k3) {
    if (to - from < 24) {
      for (int i = from + 1; i < to; i++) {
        int v = a[i];
        int j = i - 1;
        while (j >= from && compare(a[j], v, k1, k2, k3) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    sort(a, scratch, from, mid, k1, k2, k3);
    sort(a, scratch, mid, to, k1, k2, k3);
    if (compare(a[mid - 1], a[mid], k1, k2, k3) <= 0) {
      return;
    }
    System.arraycopy(a, from, scratch, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && compare(scratch[i], scratch[j], k1, k2, k3) <= 0)) {
        a[k] = scratch[i++];
      } else {
        a[k] = scratch[j++];
      }
    }
  }

  private static int compare(int a, int b, long[] k1, long[] k2, long[] k3) {
    int c = Long.compare(k1[a], k1[b]);
    if (c != 0 || k2 == null) {
      return c;
    }
    c = Long.compare(k2[a], k2[b]);
    return c != 0 || k3 == null ? c : Long.compare(k3[a], k3[b]);
  }
}
