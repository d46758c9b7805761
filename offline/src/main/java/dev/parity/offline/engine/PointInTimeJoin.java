package dev.parity.offline.engine;

import dev.parity.definitions.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The point-in-time join of one hash partition: every entity row of the partition against every
 * source row of the same partition (layouts in {@link ViewPlan}).
 *
 * <p>Source rows are grouped by key (dense key ids, counting sort), each group sorted by (event
 * time, created, source sequence) on copies of those keys laid out in group order; entity rows
 * are grouped the same way and sorted by T. One pass
 * per group then advances a pointer over the source rows: the last source row with {@code ts <= T}
 * is the greatest by (ts, created, seq), i.e. the point-in-time match if {@code ts >= T - ttl};
 * each aggregation keeps its own lower pointer for {@code (T - window, T]}. A null created sorts
 * before every created time. Performance core, kept in one place on purpose.
 */
final class PointInTimeJoin {
  private final ViewPlan plan;

  PointInTimeJoin(ViewPlan plan) {
    this.plan = plan;
  }

  /**
   * Joins {@code entities} (entity layout) with {@code source} (source layout). The result has
   * one row per entity row, in the same order, in the result layout.
   */
  VectorSchemaRoot join(VectorSchemaRoot entities, VectorSchemaRoot source, BufferAllocator allocator) {
    return join(entities, source, allocator, false);
  }

  /**
   * As {@link #join(VectorSchemaRoot, VectorSchemaRoot, BufferAllocator)}, followed by two
   * timestamp columns when {@code withTimes}: the event and created time of each entity row's
   * point-in-time match (null without a match, or without a created time).
   */
  VectorSchemaRoot join(VectorSchemaRoot entities, VectorSchemaRoot source, BufferAllocator allocator,
      boolean withTimes) {
    int s = source.getRowCount();
    int e = entities.getRowCount();
    List<FieldVector> sourceKeys = source.getFieldVectors().subList(0, plan.keyCount);
    List<FieldVector> entityKeys = entities.getFieldVectors().subList(2, 2 + plan.keyCount);

    int[] sourceKey = new int[s];
    int[] entityKey = new int[e];
    int keys = keyIds(sourceKeys, s, sourceKey, entityKeys, e, entityKey);

    long[] ts = longs(source.getVector(plan.tsColumn()), s, Long.MIN_VALUE);
    long[] created = longs(source.getVector(plan.tsColumn() + 1), s, Long.MIN_VALUE);
    long[] seq = longs(source.getVector(plan.tsColumn() + 2), s, Long.MIN_VALUE);
    long[] t = longs(entities.getVector(1), e, Long.MIN_VALUE);

    // Keys with no source row share the extra id `keys`: their group is empty. One counting sort
    // by key id per side, then the sort keys are copied into group order so the per-group sorts
    // (usually already in order: one check) and the merge below read memory sequentially.
    int[] sourceStart = new int[keys + 2];
    int[] sourceOrder = group(sourceKey, s, keys + 1, sourceStart);
    long[] sts = permute(ts, sourceOrder);
    long[] scr = permute(created, sourceOrder);
    long[] sseq = permute(seq, sourceOrder);
    GroupSort sourceSort = new GroupSort(sourceOrder, sts, scr, sseq);
    for (int k = 0; k < keys; k++) {
      sourceSort.sort(sourceStart[k], sourceStart[k + 1]);
    }
    int[] entityStart = new int[keys + 2];
    int[] entityOrder = group(entityKey, e, keys + 1, entityStart);
    long[] et = permute(t, entityOrder);
    GroupSort entitySort = new GroupSort(entityOrder, et, null, null);
    for (int k = 0; k < keys; k++) {
      entitySort.sort(entityStart[k], entityStart[k + 1]);
    }

    VectorSchemaRoot result = VectorSchemaRoot.create(withTimes ? timedSchema(plan) : plan.resultSchema, allocator);
    try {
      for (FieldVector v : result.getFieldVectors()) {
        v.setInitialCapacity(e);
        v.allocateNew();
      }
      Vectors.setLongs(result.getVector(0), Vectors.longs(entities.getVector(0), e), Vectors.validity(entities.getVector(0), e), e);
      int outputs = plan.outputs.size();
      FieldVector[] out = new FieldVector[outputs];
      FieldVector[] values = new FieldVector[outputs];
      WindowAggregator[] aggregators = new WindowAggregator[outputs];
      long[] window = new long[outputs];
      for (int o = 0; o < outputs; o++) {
        ViewPlan.Output output = plan.outputs.get(o);
        out[o] = result.getVector(o + 1);
        values[o] = output.valueIndex() < 0 ? null : source.getVector(plan.valueColumn(output.valueIndex()));
        if (output.isAggregation()) {
          aggregators[o] = new WindowAggregator(output.function(), values[o]);
          window[o] = output.windowMicros();
        }
      }
      // Aggregations that pick a variable-width value collect the picked rows here and copy them
      // in index order at the end (variable-width vectors must be filled in order).
      int[][] picks = new int[outputs][];
      for (int o = 0; o < outputs; o++) {
        if (aggregators[o] != null && plan.outputs.get(o).type() == DataType.STRING) {
          picks[o] = new int[e];
        }
      }
      // The point-in-time match of each entity row (a source row, or -1): shared by every feature.
      int[] match = new int[e];
      int[] low = new int[outputs];
      int aggregations = 0;
      for (WindowAggregator a : aggregators) {
        aggregations += a == null ? 0 : 1;
      }
      long ttl = plan.ttlMicros;
      for (int k = 0; k <= keys; k++) {
        int first = sourceStart[k];
        int end = k < keys ? sourceStart[k + 1] : first;
        int next = first;
        if (aggregations > 0) {
          Arrays.fill(low, first);
        }
        for (int j = entityStart[k]; j < entityStart[k + 1]; j++) {
          int entity = entityOrder[j];
          if (first == end) {
            match[entity] = -1;
            if (aggregations == 0) {
              continue;
            }
          }
          long time = et[j];
          while (next < end && sts[next] <= time) {
            next++;
          }
          int found = -1;
          if (next > first && (ttl == 0 || sts[next - 1] >= time - ttl)) {
            found = sourceOrder[next - 1];
          }
          match[entity] = found;
          for (int o = 0; aggregations > 0 && o < outputs; o++) {
            if (aggregators[o] != null) {
              long after = time - window[o];
              while (low[o] < next && sts[low[o]] <= after) {
                low[o]++;
              }
              if (picks[o] != null) {
                picks[o][entity] = aggregators[o].pick(sourceOrder, low[o], next);
              } else {
                aggregators[o].compute(sourceOrder, low[o], next, out[o], entity);
              }
            }
          }
        }
      }
      GatherArrays scratch = new GatherArrays();
      for (int o = 0; o < outputs; o++) {
        if (aggregators[o] == null) {
          gather(values[o], s, match, e, out[o], scratch);
        } else if (picks[o] != null) {
          gather(values[o], s, picks[o], e, out[o], scratch);
        }
      }
      if (withTimes) {
        gather(source.getVector(plan.tsColumn()), s, match, e, result.getVector(outputs + 1), scratch);
        gather(source.getVector(plan.tsColumn() + 1), s, match, e, result.getVector(outputs + 2), scratch);
      }
      result.setRowCount(e);
      // Declared defaults: a feature's where no source row is in range (a match whose value is
      // null stays null), an aggregation's wherever it is null. Online lookups apply the same rule.
      for (int o = 0; o < outputs; o++) {
        Object declared = plan.outputs.get(o).defaultValue();
        if (declared != null) {
          FieldVector column = out[o];
          IntPredicate missing = aggregators[o] == null ? i -> match[i] < 0 : column::isNull;
          DefaultFill.fill(column, e, declared, missing, allocator);
        }
      }
      return result;
    } catch (RuntimeException failure) {
      result.close();
      throw failure;
    }
  }

  /** The result layout followed by the match's event time and created time. */
  static Schema timedSchema(ViewPlan plan) {
    List<Field> fields = new ArrayList<>(plan.resultSchema.getFields());
    fields.add(Vectors.field("match_ts", DataType.TIMESTAMP));
    fields.add(Vectors.field("match_cr", DataType.TIMESTAMP));
    return new Schema(fields);
  }

  /**
   * Assigns dense ids to the source keys (in order of first appearance) and looks up the entity
   * keys; an entity key that is null or absent from the source gets id {@code keys} (returned).
   */
  private static int keyIds(List<FieldVector> sourceKeys, int s, int[] sourceKey, List<FieldVector> entityKeys,
      int e, int[] entityKey) {
    if (sourceKeys.size() == 1 && sourceKeys.get(0) instanceof BigIntVector) {
      long[] source = Vectors.longs(sourceKeys.get(0), s);
      long[] entity = Vectors.longs(entityKeys.get(0), e);
      byte[] entityValid = Vectors.validity(entityKeys.get(0), e);
      LongIntMap ids = new LongIntMap(s);
      for (int i = 0; i < s; i++) {
        sourceKey[i] = ids.idOf(source[i]);
      }
      int keys = ids.size();
      for (int i = 0; i < e; i++) {
        entityKey[i] = Vectors.isSet(entityValid, i) ? ids.get(entity[i], keys) : keys;
      }
      return keys;
    }
    Map<Object, Integer> ids = new HashMap<>();
    for (int i = 0; i < s; i++) {
      Object key = key(sourceKeys, i);
      Integer id = ids.get(key);
      if (id == null) {
        id = ids.size();
        ids.put(key, id);
      }
      sourceKey[i] = id;
    }
    int keys = ids.size();
    for (int i = 0; i < e; i++) {
      Object key = key(entityKeys, i);
      entityKey[i] = key == null ? keys : ids.getOrDefault(key, keys);
    }
    return keys;
  }

  /** Source row indices grouped by id (counting sort, stable); fills {@code start[id]}. */
  private static int[] group(int[] id, int n, int groups, int[] start) {
    for (int i = 0; i < n; i++) {
      start[id[i] + 1]++;
    }
    for (int g = 0; g < groups; g++) {
      start[g + 1] += start[g];
    }
    int[] next = Arrays.copyOf(start, groups);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[next[id[i]]++] = i;
    }
    return order;
  }

  /** {@code values[order[i]]} for every i. */
  private static long[] permute(long[] values, int[] order) {
    long[] out = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      out[i] = values[order[i]];
    }
    return out;
  }

  /**
   * Sorts ranges of {@code order} by {@code (k1, k2, k3)} where the keys are already laid out in
   * {@code order}'s positions, moving keys and order together. A range already in order (the
   * common case: sources are usually written in time order per key or not at all) costs one
   * pass; small ranges use insertion sort, larger ones a stable index sort and one permutation.
   */
  private static final class GroupSort {
    private final int[] order;
    private final long[] k1;
    private final long[] k2;
    private final long[] k3;
    private int[] index = new int[0];
    private int[] scratch = new int[0];
    private long[] buffer = new long[0];
    private int[] orderBuffer = new int[0];

    GroupSort(int[] order, long[] k1, long[] k2, long[] k3) {
      this.order = order;
      this.k1 = k1;
      this.k2 = k2;
      this.k3 = k3;
    }

    void sort(int from, int to) {
      int i = from + 1;
      while (i < to && compare(i - 1, i) <= 0) {
        i++;
      }
      if (i >= to) {
        return;
      }
      if (to - from <= 32) {
        for (; i < to; i++) {
          for (int j = i; j > from && compare(j - 1, j) > 0; j--) {
            swap(j - 1, j);
          }
        }
        return;
      }
      int n = to - from;
      if (index.length < to) {
        index = new int[Math.max(to, 2 * index.length)];
        scratch = new int[index.length];
      }
      for (int j = from; j < to; j++) {
        index[j] = j;
      }
      IndexSort.sort(index, scratch, from, to, k1, k2, k3);
      if (buffer.length < n) {
        buffer = new long[Math.max(n, 2 * buffer.length)];
        orderBuffer = new int[buffer.length];
      }
      for (int j = 0; j < n; j++) {
        orderBuffer[j] = order[index[from + j]];
      }
      System.arraycopy(orderBuffer, 0, order, from, n);
      apply(k1, from, n);
      apply(k2, from, n);
      apply(k3, from, n);
    }

    private void apply(long[] keys, int from, int n) {
      if (keys == null) {
        return;
      }
      for (int j = 0; j < n; j++) {
        buffer[j] = keys[index[from + j]];
      }
      System.arraycopy(buffer, 0, keys, from, n);
    }

    private int compare(int a, int b) {
      int c = Long.compare(k1[a], k1[b]);
      if (c != 0 || k2 == null) {
        return c;
      }
      c = Long.compare(k2[a], k2[b]);
      return c != 0 || k3 == null ? c : Long.compare(k3[a], k3[b]);
    }

    private void swap(int a, int b) {
      int o = order[a];
      order[a] = order[b];
      order[b] = o;
      swap(k1, a, b);
      swap(k2, a, b);
      swap(k3, a, b);
    }

    private static void swap(long[] keys, int a, int b) {
      if (keys != null) {
        long v = keys[a];
        keys[a] = keys[b];
        keys[b] = v;
      }
    }
  }

  private static long[] longs(FieldVector vector, int n, long ifNull) {
    long[] values = Vectors.longs(vector, n);
    byte[] valid = Vectors.validity(vector, n);
    for (int i = 0; i < n; i++) {
      if (!Vectors.isSet(valid, i)) {
        values[i] = ifNull;
      }
    }
    return values;
  }

  /**
   * Fills {@code to[i]} with {@code from[pick[i]]} (null when {@code pick[i] < 0}) for i in
   * {@code [0, n)}: 64-bit columns as one primitive gather, others value by value in index order.
   */
  static void gather(FieldVector from, int fromRows, int[] pick, int n, FieldVector to, GatherArrays scratch) {
    if (to.getMinorType() == from.getMinorType() && (from instanceof BigIntVector
        || from instanceof TimeStampMicroTZVector || from instanceof org.apache.arrow.vector.Float8Vector)) {
      // The source column is copied to the heap in one sequential pass before the random
      // picks: reading them straight from Arrow memory by address was slower (the sequential
      // copy brings the column into the cache ahead of the picks). The arrays are the join's,
      // reused column after column.
      long[] source = scratch.source = Vectors.longs(from, fromRows, scratch.source);
      byte[] sourceValid = Vectors.validity(from, fromRows);
      long[] values = scratch.values.length >= n ? scratch.values : (scratch.values = new long[n]);
      byte[] valid = new byte[(n + 7) / 8];
      for (int i = 0; i < n; i++) {
        int row = pick[i];
        if (row >= fromRows) { // the reused array may be longer than this column
          throw new IndexOutOfBoundsException("row " + row + " of " + fromRows + " source rows");
        }
        if (row >= 0 && Vectors.isSet(sourceValid, row)) {
          values[i] = source[row];
          valid[i >>> 3] |= (byte) (1 << (i & 7));
        } else {
          values[i] = 0;
        }
      }
      Vectors.setLongs(to, values, valid, n);
      return;
    }
    if (from instanceof org.apache.arrow.vector.VarCharVector strings
        && to instanceof org.apache.arrow.vector.VarCharVector target && from.getValueCount() == fromRows) {
      Vectors.gatherStrings(strings, pick, n, target);
      return;
    }
    for (int i = 0; i < n; i++) {
      if (pick[i] >= 0) {
        to.copyFromSafe(pick[i], i, from);
      } else {
        Vectors.setNullSafe(to, i);
      }
    }
  }

  /** The heap arrays of one join's 64-bit gathers, reused from column to column. */
  static final class GatherArrays {
    long[] source = new long[0];
    long[] values = new long[0];
  }

  /** A hashable value of the key of row {@code row}; null if any part is null. */
  static Object key(List<FieldVector> keys, int row) {
    if (keys.size() == 1) {
      return Vectors.get(keys.get(0), row);
    }
    List<Object> parts = new ArrayList<>(keys.size());
    for (FieldVector key : keys) {
      Object part = Vectors.get(key, row);
      if (part == null) {
        return null;
      }
      parts.add(part);
    }
    return parts;
  }
}
