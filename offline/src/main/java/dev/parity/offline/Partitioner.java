package dev.parity.offline;

import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

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

  /** Appends rows {@code selection[0..count)} (ascending) of {@code batch} (columns as the schema). */
  void add(VectorSchemaRoot batch, int[] selection, int count) {
    if (count == 0) {
      return;
    }
    int partitions = files.length;
    int rows = selection[count - 1] + 1;
    List<FieldVector> keys = batch.getFieldVectors().subList(keyOffset, keyOffset + keyCount);
    int[] partitionOf = partitions == 1 ? new int[count] : partitionsOf(keys, selection, count, rows, partitions);
    int[] start = new int[partitions + 1];
    for (int i = 0; i < count; i++) {
      start[partitionOf[i] + 1]++;
    }
    for (int p = 0; p < partitions; p++) {
      start[p + 1] += start[p];
    }
    int[] ordered = new int[count];
    int[] next = start.clone();
    for (int i = 0; i < count; i++) {
      ordered[next[partitionOf[i]]++] = selection[i];
    }
    List<FieldVector> from = batch.getFieldVectors();
    // 64-bit columns are copied once into primitive arrays and gathered from there, instead of
    // one checked Arrow copy per cell.
    long[][] wide = new long[from.size()][];
    byte[][] valid = new byte[from.size()][];
    for (int c = 0; c < from.size(); c++) {
      FieldVector v = from.get(c);
      if (v instanceof BigIntVector || v instanceof TimeStampMicroTZVector || v instanceof Float8Vector) {
        wide[c] = Vectors.longs(v, rows);
        valid[c] = Vectors.validity(v, rows);
      }
    }
    for (int p = 0; p < partitions; p++) {
      int n = start[p + 1] - start[p];
      if (n == 0) {
        continue;
      }
      try (VectorSchemaRoot part = VectorSchemaRoot.create(schema, allocator)) {
        List<FieldVector> to = part.getFieldVectors();
        for (int c = 0; c < to.size(); c++) {
          FieldVector target = to.get(c);
          FieldVector source = from.get(c);
          target.setInitialCapacity(n);
          target.allocateNew();
          if (wide[c] != null && target.getMinorType() == source.getMinorType()) {
            gatherLongs(wide[c], valid[c], ordered, start[p], n, target);
          } else {
            gatherValues(source, ordered, start[p], n, target);
          }
          target.setValueCount(n);
        }
        part.setRowCount(n);
        if (files[p] == null) {
          files[p] = new SpillFile(file(directory, prefix, p), schema, allocator);
        }
        files[p].append(part);
      }
    }
  }

  /** Rows {@code ordered[from .. from + n)} of a 64-bit column into {@code target}: one primitive gather. */
  private static void gatherLongs(long[] values, byte[] valid, int[] ordered, int from, int n, FieldVector target) {
    long[] out = new long[n];
    byte[] bits = new byte[(n + 7) / 8];
    for (int i = 0; i < n; i++) {
      int row = ordered[from + i];
      out[i] = values[row];
      if (Vectors.isSet(valid, row)) {
        bits[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    Vectors.setLongs(target, out, bits, n);
  }

  private static void gatherValues(FieldVector source, int[] ordered, int from, int n, FieldVector target) {
    if (source instanceof VarCharVector strings && target instanceof VarCharVector to) {
      Vectors.gatherStrings(strings, java.util.Arrays.copyOfRange(ordered, from, from + n), n, to);
      return;
    }
    for (int i = 0; i < n; i++) {
      target.copyFromSafe(ordered[from + i], i, source);
    }
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
