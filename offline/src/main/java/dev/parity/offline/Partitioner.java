package dev.parity.offline;

import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
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

  /** The partition of row {@code row} of {@code keys}; a null key part hashes as 0. */
  static int partitionOf(List<FieldVector> keys, int row, int partitions) {
    long h = 0;
    for (FieldVector key : keys) {
      h = h * 31 + (key.isNull(row) ? 0 : key.hashCode(row));
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb33e64e53a63L;
    h ^= h >>> 33;
    return (int) Math.floorMod(h, (long) partitions);
  }

  /** Appends rows {@code selection[0..count)} of {@code batch} (columns as the schema). */
  void add(VectorSchemaRoot batch, int[] selection, int count) {
    int partitions = files.length;
    List<FieldVector> keys = batch.getFieldVectors().subList(keyOffset, keyOffset + keyCount);
    int[] partitionOf = new int[count];
    int[] start = new int[partitions + 1];
    for (int i = 0; i < count; i++) {
      int p = partitions == 1 ? 0 : partitionOf(keys, selection[i], partitions);
      partitionOf[i] = p;
      start[p + 1]++;
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
          for (int i = 0; i < n; i++) {
            target.copyFromSafe(ordered[start[p] + i], i, source);
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
