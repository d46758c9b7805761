package dev.parity.offline.parquet;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Arrow vectors to a Parquet file a column at a time, straight into parquet-java's column
 * writers (no per-row record events): the fast path for wide, long outputs. Same schema mapping,
 * row-group bounds and atomic publication as {@link ParquetFiles#create}. Dictionary encoding is
 * off for float64 and timestamp columns, whose values rarely repeat. Not thread-safe.
 *
 * <p>Usage: for each batch, {@link #writeColumn} every column with the same row count, then
 * {@link #endRows}; finally {@link #commit}; {@link #close} discards an uncommitted file.
 */
public final class ArrowParquetWriter implements AutoCloseable {
  private final List<Column> columns;
  private final AtomicTarget target;
  private final ParquetWriteOptions options;
  private final MessageType schema;
  private final ParquetProperties properties;
  private final CodecFactory codecs;
  private final ParquetFileWriter file;
  private final int[] pending;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private ColumnWriter[] writers;
  private long groupRows;
  private long rowCount;
  private boolean done;
  private boolean committed;
  private boolean closed;

  private ArrowParquetWriter(List<Column> columns, AtomicTarget target, ParquetWriteOptions options) throws IOException {
    this.columns = List.copyOf(columns);
    this.target = target;
    this.options = options;
    this.schema = RowWriteSupport.schemaOf(columns);
    ParquetProperties.Builder builder = ParquetProperties.builder()
        .withDictionaryEncoding(true)
        .withRowGroupRowCountLimit(options.rowGroupRowLimit());
    for (Column c : columns) {
      if (c.type() == DataType.FLOAT64 || c.type() == DataType.TIMESTAMP) {
        builder.withDictionaryEncoding(c.name(), false);
      }
    }
    this.properties = builder.build();
    this.codecs = new CodecFactory(new PlainParquetConfiguration(), properties.getPageSizeThreshold());
    this.file = new ParquetFileWriter(new LocalOutputFile(target.temp()), schema, ParquetFileWriter.Mode.OVERWRITE,
        options.rowGroupBytes(), 0, null, properties);
    this.pending = new int[columns.size()];
    file.start();
    startGroup();
  }

  /**
   * Starts writing a Parquet file that appears at {@code target} on {@link #commit()}.
   *
   * @throws IllegalArgumentException if {@code columns} is empty or has duplicate names
   * @throws DataWriteException if the file cannot be created
   */
  public static ArrowParquetWriter create(Path target, List<Column> columns, ParquetWriteOptions options) {
    requireNonNull(target, "target is null");
    requireNonNull(columns, "columns is null");
    requireNonNull(options, "options is null");
    AbstractRowWriter.checkSchema(columns);
    AtomicTarget atomic = AtomicTarget.create(target);
    try {
      return new ArrowParquetWriter(columns, atomic, options);
    } catch (IOException | RuntimeException e) {
      DataWriteException failure = new DataWriteException("cannot start writing " + atomic.target(), e);
      try {
        atomic.discard();
      } catch (DataWriteException second) {
        failure.addSuppressed(second);
      }
      throw failure;
    }
  }

  private void startGroup() {
    pages = ColumnChunkPageWriteStore.builder()
        .withCompressorProvider(d -> codecs.getCompressor(options.compression().codec()))
        .withSchema(schema)
        .withAllocator(new HeapByteBufferAllocator())
        .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
        .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
        .build();
    store = properties.newColumnWriteStore(schema, pages, pages);
    writers = new ColumnWriter[columns.size()];
    List<ColumnDescriptor> descriptors = schema.getColumns();
    for (int c = 0; c < writers.length; c++) {
      writers[c] = store.getColumnWriter(descriptors.get(c));
    }
    groupRows = 0;
  }

  /**
   * Appends {@code count} values of column {@code column} from {@code values}: rows {@code
   * rows[from..from+count)}, or rows {@code from..from+count} when {@code rows} is null. The
   * vector's type must match the column's (bool: BitVector, int64: BigIntVector, float64:
   * Float8Vector, string: VarCharVector, timestamp: a micros timestamp vector).
   */
  public void writeColumn(int column, FieldVector values, int[] rows, int from, int count) {
    requireOpen();
    Column spec = columns.get(column);
    ColumnWriter w = writers[column];
    int maxDef = spec.nullable() ? 1 : 0;
    ByteBuffer validity = buffer(values.getValidityBuffer(), values.getValueCount() == 0 ? 0 : (values.getValueCount() + 7) / 8);
    try {
      switch (spec.type()) {
        case INT64, TIMESTAMP -> {
          ByteBuffer data = buffer(values.getDataBuffer(), (long) values.getValueCount() * 8);
          for (int i = 0; i < count; i++) {
            int r = rows == null ? from + i : rows[from + i];
            if (isSet(validity, r)) {
              w.write(data.getLong(r * 8), 0, maxDef);
            } else {
              writeNull(spec, w);
            }
          }
        }
        case FLOAT64 -> {
          ByteBuffer data = buffer(values.getDataBuffer(), (long) values.getValueCount() * 8);
          for (int i = 0; i < count; i++) {
            int r = rows == null ? from + i : rows[from + i];
            if (isSet(validity, r)) {
              w.write(data.getDouble(r * 8), 0, maxDef);
            } else {
              writeNull(spec, w);
            }
          }
        }
        case BOOL -> {
          ByteBuffer data = buffer(values.getDataBuffer(), (values.getValueCount() + 7) / 8);
          for (int i = 0; i < count; i++) {
            int r = rows == null ? from + i : rows[from + i];
            if (isSet(validity, r)) {
              w.write(isSet(data, r), 0, maxDef);
            } else {
              writeNull(spec, w);
            }
          }
        }
        case STRING -> {
          VarCharVector v = (VarCharVector) values;
          int n = v.getValueCount();
          ByteBuffer offsets = buffer(v.getOffsetBuffer(), n == 0 ? 0 : (long) (n + 1) * 4);
          int end = n == 0 ? 0 : offsets.getInt(n * 4);
          byte[] bytes = new byte[end];
          v.getDataBuffer().getBytes(0, bytes, 0, end);
          for (int i = 0; i < count; i++) {
            int r = rows == null ? from + i : rows[from + i];
            if (isSet(validity, r)) {
              int start = offsets.getInt(r * 4);
              w.write(Binary.fromConstantByteArray(bytes, start, offsets.getInt(r * 4 + 4) - start), 0, maxDef);
            } else {
              writeNull(spec, w);
            }
          }
        }
        default -> throw new IllegalStateException("unknown type " + spec.type());
      }
    } catch (RuntimeException e) {
      done = true;
      throw new DataWriteException("cannot write column '" + spec.name() + "' of " + target.target(), e);
    }
    pending[column] += count;
  }

  /** Completes {@code count} rows: every column must have received exactly {@code count} values. */
  public void endRows(int count) {
    requireOpen();
    for (int c = 0; c < pending.length; c++) {
      if (pending[c] != count) {
        throw new IllegalStateException("column '" + columns.get(c).name() + "' has " + pending[c]
            + " values for " + count + " rows");
      }
      pending[c] = 0;
    }
    for (int i = 0; i < count; i++) {
      store.endRecord();
    }
    groupRows += count;
    rowCount += count;
    if (groupRows >= options.rowGroupRowLimit() || store.getBufferedSize() >= options.rowGroupBytes()) {
      flushGroup();
    }
  }

  public long rowCount() {
    return rowCount;
  }

  private void flushGroup() {
    if (groupRows == 0) {
      return;
    }
    try {
      file.startBlock(groupRows);
      store.flush();
      pages.flushToFileWriter(file);
      file.endBlock();
    } catch (IOException | RuntimeException e) {
      done = true;
      throw new DataWriteException("cannot write a row group of " + target.target(), e);
    } finally {
      store.close();
      pages.close();
    }
    startGroup();
  }

  /** Finishes the file and publishes it at the target. */
  public void commit() {
    requireOpen();
    flushGroup();
    try {
      file.end(Map.of());
    } catch (IOException | RuntimeException e) {
      done = true;
      throw new DataWriteException("cannot finish " + target.target(), e);
    }
    done = true;
    committed = true;
    store.close();
    pages.close();
    codecs.release();
    target.publish();
  }

  /** Discards the file unless committed. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    done = true;
    if (committed) {
      return;
    }
    DataWriteException failure = null;
    try {
      file.close();
    } catch (IOException | RuntimeException e) {
      failure = new DataWriteException("cannot close abandoned " + target.temp(), e);
    } finally {
      store.close();
      pages.close();
      codecs.release();
    }
    try {
      target.discard();
    } catch (DataWriteException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void requireOpen() {
    if (done) {
      throw new IllegalStateException("writer for " + target.target() + " is closed");
    }
  }

  private static void writeNull(Column spec, ColumnWriter w) {
    if (!spec.nullable()) {
      throw new IllegalArgumentException("null in required column '" + spec.name() + "'");
    }
    w.writeNull(0, 0);
  }

  private static boolean isSet(ByteBuffer bits, int i) {
    return (bits.get(i >>> 3) & (1 << (i & 7))) != 0;
  }

  /** A little-endian view of the first {@code length} bytes: cheap checked random access. */
  private static ByteBuffer buffer(org.apache.arrow.memory.ArrowBuf buf, long length) {
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Arrow buffer over 2 GiB: " + length + " bytes");
    }
    return buf.nioBuffer(0, (int) length).order(ByteOrder.LITTLE_ENDIAN);
  }
}
