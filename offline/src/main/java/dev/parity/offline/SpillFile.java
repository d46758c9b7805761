package dev.parity.offline;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.VectorSchemaRootAppender;

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
    VectorSchemaRoot all = empty(schema, allocator);
    if (!Files.exists(path)) {
      return all;
    }
    try (InputStream in = Files.newInputStream(path);
        ArrowStreamReader reader = new ArrowStreamReader(in, allocator)) {
      VectorSchemaRoot batch = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        VectorSchemaRootAppender.append(false, all, batch);
      }
      return all;
    } catch (IOException | RuntimeException e) {
      all.close();
      throw new OfflineException(path, "cannot read spill file: " + e.getMessage(), e);
    }
  }

  private static VectorSchemaRoot empty(Schema schema, BufferAllocator allocator) {
    VectorSchemaRoot all = VectorSchemaRoot.create(schema, allocator);
    // The appender needs allocated buffers (a var-width vector's first offset) to append to.
    all.allocateNew();
    all.setRowCount(0);
    return all;
  }

  /** Every row of the existing files among {@code paths}, in order, in one root the caller closes. */
  static VectorSchemaRoot readAll(List<Path> paths, Schema schema, BufferAllocator allocator) {
    VectorSchemaRoot all = null;
    try {
      for (Path path : paths) {
        if (all == null) {
          all = readAll(path, schema, allocator);
        } else if (Files.exists(path)) {
          try (VectorSchemaRoot more = readAll(path, schema, allocator)) {
            VectorSchemaRootAppender.append(false, all, more);
          }
        }
      }
      return all != null ? all : empty(schema, allocator);
    } catch (RuntimeException e) {
      if (all != null) {
        all.close();
      }
      throw e;
    }
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
