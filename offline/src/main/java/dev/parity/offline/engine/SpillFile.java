package dev.parity.offline.engine;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.VectorAppender;
import dev.parity.offline.OfflineException;

/**
 * An append-only Arrow IPC stream file of one schema: the unit of spilling. Appends are
 * synchronized, so several join tasks may append to one file.
 */
final class SpillFile implements AutoCloseable {
  private final Path path;
  private final OutputStream out;
  private final VectorSchemaRoot staging;
  private final ArrowStreamWriter writer;
  private long rows;

  SpillFile(Path path, Schema schema, BufferAllocator allocator) {
    this.path = path;
    try {
      this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
    } catch (IOException e) {
      throw new OfflineException(path, "cannot create spill file: " + e.getMessage(), e);
    }
    this.staging = VectorSchemaRoot.create(schema, allocator);
    this.writer = new ArrowStreamWriter(staging, null, out);
    try {
      writer.start();
    } catch (IOException e) {
      close();
      throw new OfflineException(path, "cannot write spill file: " + e.getMessage(), e);
    }
  }

  Path path() {
    return path;
  }

  synchronized long rows() {
    return rows;
  }

  /** Appends the rows of {@code batch} (same schema); the batch is left unchanged. */
  synchronized void append(VectorSchemaRoot batch) {
    if (batch.getRowCount() == 0) {
      return;
    }
    try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
      new VectorLoader(staging).load(record);
      writer.writeBatch();
      rows += batch.getRowCount();
    } catch (IOException e) {
      throw new OfflineException(path, "cannot write spill file: " + e.getMessage(), e);
    } finally {
      // The staging vectors share the batch's buffers; release them so the batch's allocator
      // can close independently.
      staging.clear();
    }
  }

  @Override
  public synchronized void close() {
    try {
      writer.end();
      writer.close();
    } catch (IOException | RuntimeException e) {
      throw new OfflineException(path, "cannot finish spill file: " + e.getMessage(), e);
    } finally {
      staging.close();
    }
  }

  /**
   * Every row of the spill file at {@code path} in one root (an empty root with {@code schema}
   * when the file does not exist). The caller closes the root.
   */
  static VectorSchemaRoot readAll(Path path, Schema schema, BufferAllocator allocator) {
    return readAll(List.of(path), schema, allocator);
  }

  /**
   * Every row of the existing files among {@code paths}, in order, in one root the caller closes.
   * The batches are read first (their buffers moved, not copied, out of the readers) and then
   * copied once into vectors allocated at their final size: appending to a growing root
   * reallocated, copied and zeroed each vector about log2(batches) times.
   */
  static VectorSchemaRoot readAll(List<Path> paths, Schema schema, BufferAllocator allocator) {
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try {
      for (Path path : paths) {
        try {
          forEachBatch(path, allocator, batch -> batches.add(Vectors.moved(batch)));
        } catch (OfflineException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new OfflineException(path, "cannot read spill file: " + e.getMessage(), e);
        }
      }
      return concatenate(batches, schema, allocator);
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
  }

  /** The rows of {@code batches} in order, in a new root sized for all of them. */
  static VectorSchemaRoot concatenate(List<VectorSchemaRoot> batches, Schema schema, BufferAllocator allocator) {
    VectorSchemaRoot all = VectorSchemaRoot.create(schema, allocator);
    try {
      int rows = 0;
      for (VectorSchemaRoot batch : batches) {
        rows = Math.addExact(rows, batch.getRowCount());
      }
      List<FieldVector> vectors = all.getFieldVectors();
      for (int c = 0; c < vectors.size(); c++) {
        FieldVector v = vectors.get(c);
        if (v instanceof BaseVariableWidthVector var) {
          long bytes = 0;
          for (VectorSchemaRoot batch : batches) {
            BaseVariableWidthVector from = (BaseVariableWidthVector) batch.getVector(c);
            bytes += from.getValueCount() == 0 ? 0 : from.getOffsetBuffer().getInt((long) from.getValueCount() * 4);
          }
          var.allocateNew(Math.max(bytes, 1), Math.max(rows, 1));
        } else {
          v.setInitialCapacity(Math.max(rows, 1));
          v.allocateNew();
        }
      }
      int at = 0;
      for (VectorSchemaRoot batch : batches) {
        int n = batch.getRowCount();
        for (int c = 0; c < vectors.size() && n > 0; c++) {
          append(vectors.get(c), at, batch.getVector(c), n);
        }
        at += n;
      }
      for (FieldVector v : vectors) {
        if (v instanceof BaseVariableWidthVector var) {
          var.setLastSet(rows - 1);
        }
        v.setValueCount(rows);
      }
      all.setRowCount(rows);
      return all;
    } catch (RuntimeException e) {
      all.close();
      throw e;
    }
  }

  /**
   * Copies the {@code n} values of {@code from} to slots {@code [at, at + n)} of {@code to}
   * (allocated for all of them, slots before {@code at} filled): 64-bit and string columns with
   * bulk copies of their data and offsets and one shifted copy of their validity bits; other
   * types through Arrow's appender. Arrow's appender copies validity bits one checked byte access
   * at a time and string offsets value by value (5 % of a cold run under C1).
   */
  private static void append(FieldVector to, int at, FieldVector from, int n) {
    boolean wide = to instanceof BaseFixedWidthVector fixed && fixed.getTypeWidth() == 8;
    boolean strings = to instanceof VarCharVector;
    if (from.getClass() != to.getClass() || !wide && !strings
        || from.getValidityBuffer().capacity() < (n + 7) / 8) {
      to.setValueCount(at);
      if (to instanceof BaseVariableWidthVector var) {
        var.setLastSet(at - 1);
      }
      from.accept(new VectorAppender(to), null);
      return;
    }
    copyBits(from.getValidityBuffer(), to.getValidityBuffer(), at, n);
    if (wide) {
      to.getDataBuffer().setBytes(8L * at, from.getDataBuffer(), 0, 8L * n);
      return;
    }
    int[] offsets = Vectors.offsets((VarCharVector) from);
    int start = offsets[0];
    int length = offsets[n] - start;
    int base = to.getOffsetBuffer().getInt(4L * at);
    for (int i = 1; i <= n; i++) {
      offsets[i] += base - start;
    }
    to.getOffsetBuffer().nioBuffer(4L * (at + 1), 4 * n).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
        .put(offsets, 1, n);
    to.getDataBuffer().setBytes(base, from.getDataBuffer(), start, length);
  }

  /**
   * ORs the first {@code n} bits of {@code from} into {@code to} from bit {@code at} (bits of
   * {@code to} from {@code at} on must be 0, as in a freshly allocated vector).
   */
  static void copyBits(ArrowBuf from, ArrowBuf to, int at, int n) {
    int bytes = (n + 7) / 8;
    byte[] bits = new byte[bytes];
    from.getBytes(0, bits, 0, bytes);
    if ((n & 7) != 0) {
      bits[bytes - 1] &= (byte) ((1 << (n & 7)) - 1);
    }
    int shift = at & 7;
    long first = at >>> 3;
    if (shift == 0) {
      to.setBytes(first, bits, 0, bytes);
      return;
    }
    byte[] out = new byte[(shift + n + 7) / 8];
    out[0] = to.getByte(first);
    for (int i = 0; i < bytes; i++) {
      int b = bits[i] & 0xFF;
      out[i] |= (byte) (b << shift);
      if (i + 1 < out.length) {
        out[i + 1] |= (byte) (b >>> (8 - shift));
      }
    }
    to.setBytes(first, out, 0, out.length);
  }

  /** Calls {@code sink} with each batch of the spill file at {@code path}, if it exists. */
  static void forEachBatch(Path path, BufferAllocator allocator, java.util.function.Consumer<VectorSchemaRoot> sink) {
    if (!Files.exists(path)) {
      return;
    }
    try (InputStream in = Files.newInputStream(path);
        ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
      while (reader.loadNextBatch()) {
        sink.accept(reader.getVectorSchemaRoot());
      }
    } catch (IOException e) {
      throw new OfflineException(path, "cannot read spill file: " + e.getMessage(), e);
    }
  }
}
