package dev.parity.offline.spark;

import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.DataType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One aggregation over the source rows of a window, already in (event time, created, source
 * order) order: the semantics documented on {@code OfflineAggregation}, as the embedded engine
 * computes them (int64 sums wrap, float sums add in row order, {@code MIN}/{@code MAX} keep the
 * first of equal values, floats compare as {@link Double#compare}, strings by their UTF-8 bytes,
 * {@code LAST} takes the latest row's input even when null).
 */
final class WindowFunctions {
  private WindowFunctions() {}

  /**
   * The result over {@code rows.subList(from, size)}, each row's input at {@code input} of its
   * value array ({@code input < 0}: a bare count).
   */
  static Object compute(AggregationFunction function, DataType inputType, List<Object[]> rows, int from,
      int input) {
    int to = rows.size();
    switch (function) {
      case COUNT: {
        if (input < 0) {
          return (long) (to - from);
        }
        long n = 0;
        for (int i = from; i < to; i++) {
          n += rows.get(i)[input] == null ? 0 : 1;
        }
        return n;
      }
      case COUNT_DISTINCT: {
        Set<Object> seen = new HashSet<>();
        for (int i = from; i < to; i++) {
          Object v = rows.get(i)[input];
          if (v != null) {
            seen.add(v);
          }
        }
        return (long) seen.size();
      }
      case SUM:
      case AVG:
        return sumOrAvg(function, inputType, rows, from, to, input);
      case LAST:
        return to > from ? rows.get(to - 1)[input] : null;
      case MIN:
      case MAX: {
        int sign = function == AggregationFunction.MIN ? -1 : 1;
        Object best = null;
        for (int i = from; i < to; i++) {
          Object v = rows.get(i)[input];
          if (v != null && (best == null || sign * compare(inputType, v, best) > 0)) {
            best = v;
          }
        }
        return best;
      }
      default:
        throw new IllegalStateException("aggregation " + function);
    }
  }

  private static Object sumOrAvg(AggregationFunction function, DataType inputType, List<Object[]> rows, int from,
      int to, int input) {
    long n = 0;
    long longSum = 0;
    double doubleSum = 0;
    for (int i = from; i < to; i++) {
      Object v = rows.get(i)[input];
      if (v == null) {
        continue;
      }
      n++;
      if (inputType == DataType.INT64) {
        longSum += (Long) v;
      } else {
        doubleSum += (Double) v;
      }
    }
    if (n == 0) {
      return null;
    }
    if (function == AggregationFunction.AVG) {
      double sum = inputType == DataType.INT64 ? (double) longSum : doubleSum;
      return sum / n;
    }
    return inputType == DataType.INT64 ? (Object) longSum : (Object) doubleSum;
  }

  private static int compare(DataType type, Object a, Object b) {
    return switch (type) {
      case INT64, TIMESTAMP -> Long.compare((Long) a, (Long) b);
      case FLOAT64 -> Double.compare((Double) a, (Double) b);
      case STRING -> compareUtf8((String) a, (String) b);
      default -> throw new IllegalStateException("min/max of " + type);
    };
  }

  /** Compares as the UTF-8 bytes would compare unsigned: by code point (not by UTF-16 unit). */
  static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
