package dev.parity.definitions.expr;

/**
 * One column of a batch in the vectorized evaluator: plain Java arrays (no off-heap memory, so
 * intermediates cannot leak). Exactly one value array is set, by physical kind: {@code longs}
 * (int64, timestamp), {@code doubles}, {@code bools}, or {@code bytes} + {@code offsets} (UTF-8,
 * row i is {@code bytes[offsets[i] .. offsets[i+1])}). Null rows hold a zero value. A node never
 * mutates a Vec it did not create, so column references can share their input Vec.
 */
final class Vec {
  final int n;
  final boolean[] nulls;
  long[] longs;
  double[] doubles;
  boolean[] bools;
  byte[] bytes;
  int[] offsets;

  private Vec(int n) {
    this.n = n;
    this.nulls = new boolean[n];
  }

  static Vec longs(int n) {
    Vec v = new Vec(n);
    v.longs = new long[n];
    return v;
  }

  static Vec doubles(int n) {
    Vec v = new Vec(n);
    v.doubles = new double[n];
    return v;
  }

  static Vec bools(int n) {
    Vec v = new Vec(n);
    v.bools = new boolean[n];
    return v;
  }

  /** A string column whose bytes and offsets are filled from {@code builder} by {@link #finishStrings}. */
  static Vec strings(int n) {
    Vec v = new Vec(n);
    v.offsets = new int[n + 1];
    return v;
  }

  void finishStrings(Utf8Builder builder) {
    bytes = builder.buf;
  }

  int start(int i) {
    return offsets[i];
  }

  int len(int i) {
    return offsets[i + 1] - offsets[i];
  }
}
