package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;

/** Builds a column by taking row i from {@code sources[choice[i]]} (-1: null); for if and coalesce. */
final class Gather {
  private Gather() {}

  static Vec gather(DataType type, Vec[] sources, int[] choice, int n) {
    Vec out;
    switch (type) {
      case BOOL:
        out = Vec.bools(n);
        for (int i = 0; i < n; i++) {
          int k = choice[i];
          if (k < 0 || sources[k].nulls[i]) {
            out.nulls[i] = true;
          } else {
            out.bools[i] = sources[k].bools[i];
          }
        }
        return out;
      case INT64:
      case TIMESTAMP:
        out = Vec.longs(n);
        for (int i = 0; i < n; i++) {
          int k = choice[i];
          if (k < 0 || sources[k].nulls[i]) {
            out.nulls[i] = true;
          } else {
            out.longs[i] = sources[k].longs[i];
          }
        }
        return out;
      case FLOAT64:
        out = Vec.doubles(n);
        for (int i = 0; i < n; i++) {
          int k = choice[i];
          if (k < 0 || sources[k].nulls[i]) {
            out.nulls[i] = true;
          } else {
            out.doubles[i] = sources[k].doubles[i];
          }
        }
        return out;
      default:
        out = Vec.strings(n);
        Utf8Builder b = new Utf8Builder(n * 8);
        for (int i = 0; i < n; i++) {
          int k = choice[i];
          if (k < 0 || sources[k].nulls[i]) {
            out.nulls[i] = true;
          } else {
            Vec s = sources[k];
            b.append(s.bytes, s.start(i), s.len(i));
          }
          out.offsets[i + 1] = b.length;
        }
        out.finishStrings(b);
        return out;
    }
  }
}
