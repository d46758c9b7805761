package dev.parity.offline.engine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.Types;
import org.apache.arrow.vector.types.pojo.Schema;
import dev.parity.offline.OfflineException;

/**
 * Hash-partitions rows by their join key into spill files {@code prefix-<p>.arrow}. The key is
 * the {@code keyCount} columns from {@code keyOffset}; equal keys (by value, whatever vector they come from) land in
 * the same partition, and rows keep their relative order within a partition. Not thread-safe.
 */
final class Partitioner implements AutoCloseable {
  private final Path directory;
  private final String prefix;
  private final Schema schema;
  private final int keyOffset;
  private final int keyCount;
  private final BufferAllocator allocator;
  private final SpillFile[] files;
  /**
   * A 64-bit column's values and the same in partition order, reused batch after batch (one
   * thread adds to a partitioner); at the default batch size, fresh arrays per column and batch
   * were half a megabyte each.
   */
  private long[] words = new long[0];
  private long[] scattered = new long[0];

  Partitioner(
      Path directory, String prefix, Schema schema, int keyOffset, int keyCount, int partitions, BufferAllocator allocator) {
    this.directory = directory;
    this.prefix = prefix;
    this.schema = schema;
    this.keyOffset = keyOffset;
    this.keyCount = keyCount;
    this.allocator = allocator;
    this.files = new SpillFile[partitions];
  }

  static Path file(Path directory, String prefix, int partition) {
    return directory.resolve(prefix + "-" + partition + ".arrow");
  }

  /**
   * The partition of each selected row: a hash of the key parts (a null part hashes as 0), 64-bit
   * keys hashed from one bulk copy of their values. Depends only on the key values and types.
   */
  static int[] partitionsOf(List<FieldVector> keys, int[] selection, int count, int rows, int partitions) {
    long[] h = new long[count];
    for (FieldVector key : keys) {
      boolean wide = key instanceof BigIntVector || key instanceof TimeStampMicroTZVector;
      long[] values = wide ? Vectors.longs(key, rows) : null;
      byte[] valid = Vectors.validity(key, rows);
      for (int i = 0; i < count; i++) {
        int row = selection[i];
        long part = !Vectors.isSet(valid, row) ? 0 : wide ? values[row] : key.hashCode(row);
        h[i] = h[i] * 31 + part;
      }
    }
    int[] partition = new int[count];
    for (int i = 0; i < count; i++) {
      long x = h[i];
      x ^= x >>> 33;
      x *= 0xff51afd7ed558ccdL;
      x ^= x >>> 33;
      x *= 0xc4ceb33e64e53a63L;
      x ^= x >>> 33;
      partition[i] = (int) Math.floorMod(x, (long) partitions);
    }
    return partition;
  }

  /**
   * Appends rows {@code selection[0..count)} (ascending) of {@code batch} (columns as the schema).
   * Column by column, every partition at once: a 64-bit column is read once in row order and
   * scattered into partition order (one sequential read, one write stream per partition), then
   * cut into each partition's vector. Gathering partition by partition instead read each column
   * once per partition at scattered rows, a cache miss per cell once the batch's columns
   * outgrew the core's cache (a quarter of the spill's time at 10M rows).
   */
  void add(VectorSchemaRoot batch, int[] selection, int count) {
    if (count == 0) {
      return;
    }
    int partitions = files.length;
    int rows = selection[count - 1] + 1;
    List<FieldVector> keys = batch.getFieldVectors().subList(keyOffset, keyOffset + keyCount);
    int[] partitionOf = partitions == 1 ? new int[count] : partitionsOf(keys, selection, count, rows, partitions);
    int[] start = starts(partitionOf, count, partitions);
    int[] slot = slots(partitionOf, count, start);
    int[] ordered = new int[count];
    for (int i = 0; i < count; i++) {
      ordered[slot[i]] = selection[i];
    }
    VectorSchemaRoot[] parts = new VectorSchemaRoot[partitions];
    try {
      for (int p = 0; p < partitions; p++) {
        if (start[p + 1] > start[p]) {
          parts[p] = VectorSchemaRoot.create(schema, allocator);
        }
      }
      List<FieldVector> from = batch.getFieldVectors();
      byte[] present = null;
      for (int c = 0; c < from.size(); c++) {
        FieldVector source = from.get(c);
        boolean wide = (source instanceof BigIntVector || source instanceof TimeStampMicroTZVector
            || source instanceof Float8Vector)
            && Types.getMinorTypeForArrowType(schema.getFields().get(c).getType()) == source.getMinorType();
        int[] offsets = null;
        byte[] valid = null;
        boolean allSet = false;
        if (wide) {
          if (present == null) {
            present = new byte[count];
            if (scattered.length < count) {
              scattered = new long[count];
            }
          }
          words = Vectors.longs(source, rows, words);
          allSet = source.getNullCount() == 0;
          if (allSet) {
            scatterLongs(words, selection, slot, count, scattered);
          } else {
            scatterLongs(words, Vectors.validity(source, rows), selection, slot, count, scattered, present);
          }
        } else if (source instanceof VarCharVector) {
          offsets = Vectors.offsets((VarCharVector) source);
          valid = Vectors.validity(source, source.getValueCount());
        }
        for (int p = 0; p < partitions; p++) {
          if (parts[p] == null) {
            continue;
          }
          int n = start[p + 1] - start[p];
          FieldVector target = parts[p].getVector(c);
          if (wide) {
            setLongs(target, scattered, allSet ? null : present, start[p], n);
          } else if (offsets != null && target instanceof VarCharVector to) {
            Vectors.gatherStrings((VarCharVector) source, offsets, valid, ordered, start[p], n, to);
          } else {
            target.setInitialCapacity(n);
            target.allocateNew();
            for (int i = 0; i < n; i++) {
              target.copyFromSafe(ordered[start[p] + i], i, source);
            }
          }
          target.setValueCount(n);
        }
      }
      for (int p = 0; p < partitions; p++) {
        if (parts[p] == null) {
          continue;
        }
        parts[p].setRowCount(start[p + 1] - start[p]);
        if (files[p] == null) {
          files[p] = new SpillFile(file(directory, prefix, p), schema, allocator);
        }
        files[p].append(parts[p]);
      }
    } finally {
      for (VectorSchemaRoot part : parts) {
        if (part != null) {
          part.close();
        }
      }
    }
  }

  /** {@code start[p]}: the first slot of partition p in partition order; {@code start[partitions]} = count. */
  private static int[] starts(int[] partitionOf, int count, int partitions) {
    int[] start = new int[partitions + 1];
    for (int i = 0; i < count; i++) {
      start[partitionOf[i] + 1]++;
    }
    for (int p = 0; p < partitions; p++) {
      start[p + 1] += start[p];
    }
    return start;
  }

  /** The slot of each selected row in partition order (stable: rows keep their order within a partition). */
  private static int[] slots(int[] partitionOf, int count, int[] start) {
    int[] next = start.clone();
    int[] slot = new int[count];
    for (int i = 0; i < count; i++) {
      slot[i] = next[partitionOf[i]]++;
    }
    return slot;
  }

  /** {@code out[slot[i]] = values[selection[i]]}, and whether it is set in {@code present}. */
  private static void scatterLongs(long[] values, byte[] valid, int[] selection, int[] slot, int count, long[] out,
      byte[] present) {
    for (int i = 0; i < count; i++) {
      int row = selection[i];
      int to = slot[i];
      out[to] = values[row];
      present[to] = (byte) ((valid[row >>> 3] >>> (row & 7)) & 1);
    }
  }

  /** As the other {@code scatterLongs}, for a column without nulls. */
  private static void scatterLongs(long[] values, int[] selection, int[] slot, int count, long[] out) {
    for (int i = 0; i < count; i++) {
      out[slot[i]] = values[selection[i]];
    }
  }

  /**
   * Slots {@code [from, from + n)} of a scattered 64-bit column into {@code target}; {@code
   * present} null: none is null (no per-row pass over it).
   */
  private static void setLongs(FieldVector target, long[] values, byte[] present, int from, int n) {
    byte[] bits = new byte[(n + 7) / 8];
    if (present == null) {
      Arrays.fill(bits, (byte) -1);
      if ((n & 7) != 0) {
        bits[bits.length - 1] = (byte) ((1 << (n & 7)) - 1);
      }
    } else {
      for (int i = 0; i < n; i++) {
        bits[i >>> 3] |= (byte) (present[from + i] << (i & 7));
      }
    }
    target.setInitialCapacity(n);
    target.allocateNew();
    Vectors.setLongs(target, values, from, bits, n);
  }

  @Override
  public void close() {
    OfflineException failure = null;
    for (SpillFile file : files) {
      if (file != null) {
        try {
          file.close();
        } catch (OfflineException e) {
          failure = failure == null ? e : failure;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
