package dev.parity.offline.parquet.write;

import dev.parity.offline.parquet.read.ParquetCodecs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * The column encoders of an {@link ArrowParquetWriter}: a contiguous range of its columns with
 * its own page store and column store, so that ranges can be encoded and compressed on different
 * threads ({@link WorkSharing}); their chunks are written to the file in column order. Values go
 * from Arrow vectors straight into parquet-java's column writers, one small loop per type, or
 * into {@link PlainLongPages} for the columns written as whole plain pages. Not thread-safe: one
 * thread at a time runs a step on a group.
 */
final class ColumnGroup {
  /** Values sampled from the start of an int64 batch before its column's encoding is chosen. */
  private static final int DISTINCT_SAMPLE = 8192;
  final int from;
  final int to;
  private final List<Column> columns;
  /** Shared with the other groups, indexed by column: each group uses its own range. */
  private final ColumnWriter[] writers;
  /** Shared as {@link #writers}: the columns written as plain pages, null for the others. */
  private final PlainLongPages[] plain;
  private final MessageType schema;
  /** The columns written through parquet-java's column writers (null when all are plain pages). */
  private final MessageType encoded;
  private final ParquetProperties properties;
  private final ParquetWriteOptions options;
  /** The file written, for failure messages. */
  private final Path target;
  ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  /** Bytes buffered after the group's last step, as that step's thread measured them. */
  volatile long buffered;

  ColumnGroup(int from, int to, List<Column> columns, MessageType fileSchema, ColumnWriter[] writers,
      PlainLongPages[] plain, ParquetProperties properties, ParquetWriteOptions options, Path target) {
    this.from = from;
    this.to = to;
    this.columns = columns;
    this.writers = writers;
    this.plain = plain;
    this.properties = properties;
    this.options = options;
    this.target = target;
    this.schema = new MessageType("parity", fileSchema.getFields().subList(from, to));
    List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
    for (int c = from; c < to; c++) {
      if (plain[c] == null) {
        fields.add(fileSchema.getFields().get(c));
      }
    }
    this.encoded = fields.isEmpty() ? null : new MessageType("parity", fields);
  }

  void start() {
    buffered = 0;
    pages = ColumnChunkPageWriteStore.builder()
        .withCompressorProvider(d -> ParquetCodecs.instance().getCompressor(options.compression().codec()))
        .withSchema(schema)
        .withAllocator(new HeapByteBufferAllocator())
        .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
        .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
        .build();
    // The plain-page columns write to the same page store, so every chunk is written in
    // schema order on flush.
    store = encoded == null ? null : properties.newColumnWriteStore(encoded, pages, pages);
    List<ColumnDescriptor> descriptors = schema.getColumns();
    for (int c = from; c < to; c++) {
      if (plain[c] != null) {
        plain[c].start(pages.getPageWriter(descriptors.get(c - from)));
      } else {
        writers[c] = store.getColumnWriter(descriptors.get(c - from));
      }
    }
  }

  /** Appends {@code count} rows of this group's columns, as described on {@link ArrowParquetWriter#writeBatch}. */
  void write(FieldVector[] values, int[][] rows, int[] from, int count) {
    for (int c = this.from; c < to; c++) {
      writeColumn(c, values[c], rows[c], from[c], count);
    }
    endRows(count);
  }

  private void endRows(int count) {
    for (int i = 0; store != null && i < count; i++) {
      store.endRecord();
    }
  }

  long bufferedSize() {
    long size = store == null ? 0 : store.getBufferedSize();
    for (int c = from; c < to; c++) {
      if (plain[c] != null) {
        size += plain[c].bufferedSize() + pages.getPageWriter(schema.getColumns().get(c - from)).getMemSize();
      }
    }
    return size;
  }

  void flush() throws IOException {
    for (int c = from; c < to; c++) {
      if (plain[c] != null) {
        plain[c].flush();
      }
    }
    if (store != null) {
      store.flush();
    }
  }

  void release() {
    if (pages != null) {
      if (store != null) {
        store.close();
      }
      pages.close();
      store = null;
      pages = null;
    }
  }

  /** Appends {@code count} values of one column, as described on {@link ArrowParquetWriter#writeBatch}. */
  private void writeColumn(int column, FieldVector values, int[] rows, int from, int count) {
    Column spec = columns.get(column);
    ColumnWriter w = writers[column];
    if (rows == null && from + count > values.getValueCount() || rows != null && from + count > rows.length) {
      throw new IndexOutOfBoundsException("rows " + from + ".." + (from + count) + " of column '" + spec.name()
          + "' out of range");
    }
    int maxDef = spec.nullable() ? 1 : 0;
    ByteBuffer validity = buffer(values.getValidityBuffer(), values.getValueCount() == 0 ? 0 : (values.getValueCount() + 7) / 8);
    // One small method per type: each stays monomorphic and compiles quickly (one large
    // switch was the slowest method for the JIT to compile, and one-shot runs pay for that).
    try {
      if (plain[column] != null) {
        plain[column].write(values.getValidityBuffer(), values.getDataBuffer(), values.getValueCount(), rows, from,
            count);
        return;
      }
      switch (spec.type()) {
        case INT64, TIMESTAMP -> writeLongs(spec, w, maxDef, validity,
            buffer(values.getDataBuffer(), (long) values.getValueCount() * 8), rows, from, count);
        case FLOAT64 -> writeDoubles(spec, w, maxDef, validity,
            buffer(values.getDataBuffer(), (long) values.getValueCount() * 8), rows, from, count);
        case BOOL -> writeBools(spec, w, maxDef, validity,
            buffer(values.getDataBuffer(), (values.getValueCount() + 7) / 8), rows, from, count);
        case STRING -> writeStrings(spec, w, maxDef, validity, (VarCharVector) values, rows, from, count);
        default -> throw new IllegalStateException("unknown type " + spec.type());
      }
    } catch (IOException | RuntimeException e) {
      // Runs on a writer thread: the failure reaches the caller (and closes the writer) through await.
      throw new DataWriteException("cannot write column '" + spec.name() + "' of " + target, e);
    }
  }

  /**
   * Whether the batch's first {@value #DISTINCT_SAMPLE} non-null values number at least 1,024
   * and are more than 90 % distinct (a column of k values uniformly spread shows that when k is
   * above ~40k, beyond the ~16k values the 128 KiB dictionary limit holds).
   */
  static boolean nearlyAllDistinct(FieldVector values, int[] rows, int from, int count) {
    int n = values.getValueCount();
    if (n == 0 || rows == null && from + count > n || rows != null && from + count > rows.length) {
      return false; // empty, or out of range: writeColumn reports the latter
    }
    ByteBuffer validity = buffer(values.getValidityBuffer(), (n + 7) / 8);
    ByteBuffer data = buffer(values.getDataBuffer(), (long) n * 8);
    Set<Long> distinct = new HashSet<>();
    int present = 0;
    for (int i = 0; i < count && present < DISTINCT_SAMPLE; i++) {
      int r = rows == null ? from + i : rows[from + i];
      if (r >= 0 && r < n && isSet(validity, r)) {
        present++;
        distinct.add(data.getLong(r * 8));
      }
    }
    return present >= 1024 && distinct.size() * 10L > present * 9L;
  }

  private static void writeLongs(Column spec, ColumnWriter w, int maxDef, ByteBuffer validity, ByteBuffer data,
      int[] rows, int from, int count) {
    for (int i = 0; i < count; i++) {
      int r = rows == null ? from + i : rows[from + i];
      if (isSet(validity, r)) {
        w.write(data.getLong(r * 8), 0, maxDef);
      } else {
        writeNull(spec, w);
      }
    }
  }

  private static void writeDoubles(Column spec, ColumnWriter w, int maxDef, ByteBuffer validity, ByteBuffer data,
      int[] rows, int from, int count) {
    for (int i = 0; i < count; i++) {
      int r = rows == null ? from + i : rows[from + i];
      if (isSet(validity, r)) {
        w.write(data.getDouble(r * 8), 0, maxDef);
      } else {
        writeNull(spec, w);
      }
    }
  }

  private static void writeBools(Column spec, ColumnWriter w, int maxDef, ByteBuffer validity, ByteBuffer data,
      int[] rows, int from, int count) {
    for (int i = 0; i < count; i++) {
      int r = rows == null ? from + i : rows[from + i];
      if (isSet(validity, r)) {
        w.write(isSet(data, r), 0, maxDef);
      } else {
        writeNull(spec, w);
      }
    }
  }

  private static void writeStrings(Column spec, ColumnWriter w, int maxDef, ByteBuffer validity, VarCharVector v,
      int[] rows, int from, int count) {
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
