package dev.parity.offline.engine;

import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.DataType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import dev.parity.offline.OfflineAggregation;
import dev.parity.offline.OfflineFeature;
import dev.parity.offline.OfflineView;

/**
 * The column layout of one view through a run. Spilled entity rows are {@code (row, t, k0..kn)};
 * spilled source rows are {@code (k0..kn, ts, cr, seq, v0..vm)} where the values are the
 * features' values (after transforms) then the aggregations' inputs; join results are {@code
 * (row, o0..)} with one output per feature then per aggregation.
 */
final class ViewPlan {
  /**
   * One output column: a point-in-time feature or an aggregation; {@code defaultValue} (or null)
   * fills a feature's rows without a match and an aggregation's null results.
   */
  record Output(String name, DataType type, AggregationFunction function, int valueIndex, long windowMicros,
      Object defaultValue) {
    boolean isAggregation() {
      return function != null;
    }
  }

  final OfflineView view;
  final int keyCount;
  final long ttlMicros;
  final List<DataType> valueTypes = new ArrayList<>();
  final List<Output> outputs = new ArrayList<>();
  final Schema entitySchema;
  final Schema sourceSchema;
  final Schema resultSchema;

  /** {@code aggregationInputTypes.get(i)} is the input type of aggregation i (ignored for bare count). */
  ViewPlan(OfflineView view, List<DataType> aggregationInputTypes) {
    this.view = view;
    this.keyCount = view.joinKeys().size();
    this.ttlMicros = micros(view.ttl());
    for (OfflineFeature f : view.features()) {
      outputs.add(new Output(f.name(), f.type(), null, valueTypes.size(), 0, f.defaultValue().orElse(null)));
      valueTypes.add(f.type());
    }
    for (int i = 0; i < view.aggregations().size(); i++) {
      OfflineAggregation a = view.aggregations().get(i);
      DataType input = aggregationInputTypes.get(i);
      int valueIndex = -1;
      if (a.column().isPresent() || a.expression().isPresent()) {
        valueIndex = valueTypes.size();
        valueTypes.add(input);
      }
      DataType type = OfflineAggregation.resultType(a.function(), input);
      a.defaultValue().ifPresent(d -> DefaultFill.requireType(a.name(), type, d));
      outputs.add(new Output(a.name(), type, a.function(), valueIndex, micros(a.window()), a.defaultValue().orElse(null)));
    }
    List<Field> keys = new ArrayList<>();
    for (int k = 0; k < keyCount; k++) {
      keys.add(Vectors.field("k" + k, view.joinKeys().get(k).type()));
    }
    List<Field> entity = new ArrayList<>(List.of(Vectors.field("row", DataType.INT64), Vectors.field("t", DataType.TIMESTAMP)));
    entity.addAll(keys);
    entitySchema = new Schema(entity);
    List<Field> source = new ArrayList<>(keys);
    source.add(Vectors.field("ts", DataType.TIMESTAMP));
    source.add(Vectors.field("cr", DataType.TIMESTAMP));
    source.add(Vectors.field("seq", DataType.INT64));
    for (int v = 0; v < valueTypes.size(); v++) {
      source.add(Vectors.field("v" + v, valueTypes.get(v)));
    }
    sourceSchema = new Schema(source);
    List<Field> result = new ArrayList<>(List.of(Vectors.field("row", DataType.INT64)));
    for (int o = 0; o < outputs.size(); o++) {
      result.add(Vectors.field("o" + o, outputs.get(o).type()));
    }
    resultSchema = new Schema(result);
  }

  String name() {
    return view.name();
  }

  /** Index of spilled source column ts / cr / seq / value v. */
  int tsColumn() {
    return keyCount;
  }

  int valueColumn(int value) {
    return keyCount + 3 + value;
  }

  /** The widest look-back any output needs before T, or -1 when unbounded. */
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

  static long micros(java.time.Duration d) {
    return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
  }
}
