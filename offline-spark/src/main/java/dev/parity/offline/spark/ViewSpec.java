package dev.parity.offline.spark;

import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.DataType;
import java.io.Serializable;
import java.util.List;

/**
 * What the executors need to know about one view, in a serializable form (compiled expressions
 * are not: each executor compiles {@link ExpressionSpec}s again). The merge layout of a row is
 * {@code (side, k0..kn, bucket, time, cr, seq, v0..vm)}: {@code side} 0 for a source row and 1 for
 * an entity row; {@code time} the event time (source) or T (entity), in UTC microseconds;
 * {@code seq} the source order ({@code file index << 40 | row in file}) or the entity row number;
 * values are the features' values (after transforms) then the aggregations' inputs.
 *
 * @param keyCount join keys
 * @param keyTypes their types (int64 or string)
 * @param ttlMicros age limit of point-in-time values, 0 for none
 * @param valueTypes types of v0..vm
 * @param outputs one per feature, then one per aggregation
 */
record ViewSpec(int keyCount, List<DataType> keyTypes, long ttlMicros, List<DataType> valueTypes,
    List<Output> outputs) implements Serializable {
  private static final long serialVersionUID = 1L;

  ViewSpec {
    keyTypes = List.copyOf(keyTypes);
    valueTypes = List.copyOf(valueTypes);
    outputs = List.copyOf(outputs);
  }

  /**
   * One output column: a point-in-time feature (no function) or an aggregation over {@code
   * (T - windowMicros, T]} of value {@code valueIndex} (-1 for a bare count), with its declared
   * default ({@code null} for none): a {@code Long} (also for a timestamp, in UTC microseconds as
   * the merge carries them), {@code Double}, {@code String} or {@code Boolean}.
   */
  record Output(String name, DataType type, AggregationFunction function, int valueIndex, long windowMicros,
      Serializable defaultValue) implements Serializable {
    private static final long serialVersionUID = 2L;

    /** An output without a default. */
    Output(String name, DataType type, AggregationFunction function, int valueIndex, long windowMicros) {
      this(name, type, function, valueIndex, windowMicros, null);
    }

    /**
     * The value an entity row gets: for a feature, the match's value when a source row is in
     * range (even a null one) and the default otherwise; for an aggregation, the default wherever
     * the result is null. The embedded engine's rule (its join fills defaults the same way), which
     * online lookups apply too.
     */
    Object value(boolean matched, Object computed) {
      if (isAggregation()) {
        return computed == null ? defaultValue : computed;
      }
      return matched ? computed : defaultValue;
    }

    boolean isAggregation() {
      return function != null;
    }
  }

  static final int SIDE = 0;
  static final int SOURCE = 0;
  static final int ENTITY = 1;

  int keyColumn(int k) {
    return 1 + k;
  }

  int bucketColumn() {
    return 1 + keyCount;
  }

  int timeColumn() {
    return 2 + keyCount;
  }

  int createdColumn() {
    return 3 + keyCount;
  }

  int seqColumn() {
    return 4 + keyCount;
  }

  int valueColumn(int v) {
    return 5 + keyCount + v;
  }

  int width() {
    return 5 + keyCount + valueTypes.size();
  }

  /** The widest look-back any output needs before T, or -1 when unbounded (a feature without ttl). */
  long lookBackMicros() {
    long back = 0;
    for (Output o : outputs) {
      if (!o.isAggregation() && ttlMicros == 0) {
        return -1;
      }
      back = Math.max(back, o.isAggregation() ? o.windowMicros() : ttlMicros);
    }
    return back;
  }

  boolean hasAggregations() {
    return outputs.stream().anyMatch(Output::isAggregation);
  }
}
