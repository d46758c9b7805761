package dev.parity.offline.engine;

import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.DataType;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Computes one {@link AggregationFunction} over source rows {@code order[from..to)} (already in
 * event time, created, source order) into one output cell. Semantics are documented on {@link
 * AggregationFunction}.
 */
final class WindowAggregator {
  private final AggregationFunction function;
  private final FieldVector input;
  private final DataType inputType;

  /** {@code input} is null for a bare count. */
  WindowAggregator(AggregationFunction function, FieldVector input) {
    this.function = function;
    this.input = input;
    this.inputType = input == null ? null : Vectors.typeOf(input);
  }

  /**
   * For {@code MIN}, {@code MAX} and {@code LAST}: the source row whose input is the result, or
   * -1 for null. Lets callers fill variable-width outputs in index order.
   */
  int pick(int[] order, int from, int to) {
    if (function == AggregationFunction.LAST) {
      return to > from ? order[to - 1] : -1;
    }
    int sign = function == AggregationFunction.MIN ? -1 : 1;
    int best = -1;
    for (int i = from; i < to; i++) {
      int row = order[i];
      if (!input.isNull(row) && (best < 0 || sign * compare(row, best) > 0)) {
        best = row;
      }
    }
    return best;
  }

  boolean picksARow() {
    return function == AggregationFunction.MIN || function == AggregationFunction.MAX
        || function == AggregationFunction.LAST;
  }

  void compute(int[] order, int from, int to, FieldVector out, int outIndex) {
    switch (function) {
      case COUNT:
        ((BigIntVector) out).setSafe(outIndex, input == null ? to - from : nonNull(order, from, to));
        return;
      case COUNT_DISTINCT:
        ((BigIntVector) out).setSafe(outIndex, distinct(order, from, to));
        return;
      case SUM:
      case AVG:
        sumOrAvg(order, from, to, out, outIndex);
        return;
      default: {
        int row = pick(order, from, to);
        if (row < 0) {
          Vectors.setNullSafe(out, outIndex);
        } else {
          out.copyFromSafe(row, outIndex, input);
        }
      }
    }
  }

  private long nonNull(int[] order, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      if (!input.isNull(order[i])) {
        n++;
      }
    }
    return n;
  }

  private long distinct(int[] order, int from, int to) {
    Set<Object> seen = new HashSet<>();
    for (int i = from; i < to; i++) {
      Object v = Vectors.get(input, order[i]);
      if (v != null) {
        seen.add(v);
      }
    }
    return seen.size();
  }

  private void sumOrAvg(int[] order, int from, int to, FieldVector out, int outIndex) {
    long n = 0;
    long longSum = 0;
    double doubleSum = 0;
    for (int i = from; i < to; i++) {
      int row = order[i];
      if (input.isNull(row)) {
        continue;
      }
      n++;
      if (inputType == DataType.INT64) {
        longSum += ((BigIntVector) input).get(row);
      } else {
        doubleSum += ((Float8Vector) input).get(row);
      }
    }
    if (n == 0) {
      Vectors.setNullSafe(out, outIndex);
    } else if (function == AggregationFunction.AVG) {
      double sum = inputType == DataType.INT64 ? (double) longSum : doubleSum;
      ((Float8Vector) out).setSafe(outIndex, sum / n);
    } else if (inputType == DataType.INT64) {
      ((BigIntVector) out).setSafe(outIndex, longSum);
    } else {
      ((Float8Vector) out).setSafe(outIndex, doubleSum);
    }
  }

  private int compare(int a, int b) {
    switch (inputType) {
      case INT64:
        return Long.compare(((BigIntVector) input).get(a), ((BigIntVector) input).get(b));
      case TIMESTAMP:
        return Long.compare(((TimeStampMicroTZVector) input).get(a), ((TimeStampMicroTZVector) input).get(b));
      case FLOAT64:
        return Double.compare(((Float8Vector) input).get(a), ((Float8Vector) input).get(b));
      case STRING:
        return Arrays.compareUnsigned(((VarCharVector) input).get(a), ((VarCharVector) input).get(b));
      default:
        throw new IllegalStateException("min/max of " + inputType);
    }
  }
}
