package dev.parity.offline.parquet.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.schema.PrimitiveType;

/**
 * One flat 64-bit column (int64, timestamp or float64 bits) of a Parquet file written as PLAIN
 * data pages v1 with RLE/bit-packed definition levels, straight to its chunk's page writer: the
 * pages parquet-java's {@code ColumnWriterV1} writes for such a column with dictionary encoding
 * off (same encodings, statistics and page row limit), built from whole pages at a time instead
 * of per-value calls through the level encoder, value stream and size checks (which were most of
 * the output writer's time). Definition levels of width 1 are the validity bits themselves: runs
 * of all-null or all-set bytes become RLE runs, the rest bit-packed runs. Not thread-safe.
 */
final class PlainLongPages {
  /** Bit-packed runs of at most 63 groups keep their header to one byte, as parquet-java's encoder does. */
  private static final int MAX_PACKED_GROUPS = 63;
  private final ColumnDescriptor descriptor;
  private final PrimitiveType type;
  private final boolean doubles;
  private final int maxDef;
  private final int pageRows;
  private final long[] values;
  private final byte[] valid;
  private PageWriter pages;
  private Statistics<?> statistics;
  private int rows;
  private int defined;

  /**
   * @param pageRows most rows per page (parquet-java's page row limit, or fewer when the page
   *     size threshold is reached first)
   */
  PlainLongPages(ColumnDescriptor descriptor, int pageRows) {
    this.descriptor = descriptor;
    this.type = descriptor.getPrimitiveType();
    if (type.getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.INT64
        && type.getPrimitiveTypeName() != PrimitiveType.PrimitiveTypeName.DOUBLE) {
      throw new IllegalArgumentException("not a 64-bit column: " + descriptor);
    }
    this.doubles = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.DOUBLE;
    this.maxDef = descriptor.getMaxDefinitionLevel();
    if (descriptor.getMaxRepetitionLevel() != 0 || maxDef > 1) {
      throw new IllegalArgumentException("not a flat column: " + descriptor);
    }
    this.pageRows = Math.max(8, pageRows);
    this.values = new long[this.pageRows];
    this.valid = new byte[(this.pageRows + 7) / 8];
    this.statistics = Statistics.createStats(type);
  }

  /** Starts a new column chunk: pages go to {@code pages} (the current row group's). */
  void start(PageWriter pages) {
    this.pages = pages;
  }

  /**
   * Appends rows {@code rowMap[from .. from + count)} (or {@code from .. from + count} when {@code
   * rowMap} is null) of a 64-bit vector: its {@code data} buffer and Arrow {@code validity} bits,
   * {@code valueCount} values.
   *
   * @throws IndexOutOfBoundsException if a row is not below {@code valueCount}
   * @throws IllegalArgumentException for a null in a required column
   * @throws IOException if a page cannot be written
   */
  void write(ArrowBuf validity, ArrowBuf data, int valueCount, int[] rowMap, int from, int count) throws IOException {
    checkRows(rowMap, from, count, valueCount);
    if (count == 0) {
      return;
    }
    // Read by address: ByteBuffer and ArrowBuf accessors stay calls under C1 (the one-shot
    // commands' compiler), Unsafe reads do not; the rows were checked above.
    long validityAddress = validity.memoryAddress();
    long dataAddress = data.memoryAddress();
    for (int i = 0; i < count; ) {
      int n = Math.min(count - i, pageRows - rows);
      if (doubles) {
        appendDoubles(validityAddress, dataAddress, rowMap, from + i, n);
      } else {
        appendLongs(validityAddress, dataAddress, rowMap, from + i, n);
      }
      i += n;
      if (rows == pageRows) {
        flush();
      }
    }
  }

  private static void checkRows(int[] rowMap, int from, int count, int valueCount) {
    if (rowMap == null) {
      if (from < 0 || from + count > valueCount) {
        throw new IndexOutOfBoundsException("rows " + from + ".." + (from + count) + " of " + valueCount);
      }
      return;
    }
    for (int i = from; i < from + count; i++) {
      if (rowMap[i] < 0 || rowMap[i] >= valueCount) {
        throw new IndexOutOfBoundsException("row " + rowMap[i] + " of " + valueCount);
      }
    }
  }

  // Two loops rather than one with a type test: each compiles to a tight loop with a monomorphic
  // statistics call.
  private void appendLongs(long validity, long data, int[] rowMap, int from, int n) {
    int page = rows;
    int d = defined;
    for (int i = 0; i < n; i++) {
      int r = rowMap == null ? from + i : rowMap[from + i];
      if ((MemoryUtil.getByte(validity + (r >>> 3)) & (1 << (r & 7))) != 0) {
        long v = MemoryUtil.getLong(data + ((long) r << 3));
        values[d++] = v;
        statistics.updateStats(v);
        valid[(page + i) >>> 3] |= (byte) (1 << ((page + i) & 7));
      } else if (maxDef == 0) {
        throw new IllegalArgumentException("null in required column '" + descriptor.getPath()[0] + "'");
      }
    }
    statistics.incrementNumNulls(n - (d - defined));
    defined = d;
    rows = page + n;
  }

  private void appendDoubles(long validity, long data, int[] rowMap, int from, int n) {
    int page = rows;
    int d = defined;
    for (int i = 0; i < n; i++) {
      int r = rowMap == null ? from + i : rowMap[from + i];
      if ((MemoryUtil.getByte(validity + (r >>> 3)) & (1 << (r & 7))) != 0) {
        long v = MemoryUtil.getLong(data + ((long) r << 3));
        values[d++] = v;
        statistics.updateStats(Double.longBitsToDouble(v));
        valid[(page + i) >>> 3] |= (byte) (1 << ((page + i) & 7));
      } else if (maxDef == 0) {
        throw new IllegalArgumentException("null in required column '" + descriptor.getPath()[0] + "'");
      }
    }
    statistics.incrementNumNulls(n - (d - defined));
    defined = d;
    rows = page + n;
  }

  /** Bytes held for the current page: what the row group size check counts for it. */
  long bufferedSize() {
    return (long) defined * 8 + (rows + 7) / 8;
  }

  /** Writes the current page, if it has rows; call before the row group is flushed. */
  void flush() throws IOException {
    if (rows == 0) {
      return;
    }
    byte[] data = new byte[defined * 8];
    ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(values, 0, defined);
    BytesInput levels = maxDef == 0 ? BytesInput.empty() : definitionLevels(valid, rows);
    pages.writePage(BytesInput.concat(levels, BytesInput.from(data)), rows, rows, statistics,
        SizeStatistics.newBuilder(type, 0, maxDef).build(), GeospatialStatistics.newBuilder(type).build(),
        Encoding.BIT_PACKED, maxDef == 0 ? Encoding.BIT_PACKED : Encoding.RLE, Encoding.PLAIN);
    statistics = Statistics.createStats(type);
    java.util.Arrays.fill(valid, 0, (rows + 7) / 8, (byte) 0);
    rows = 0;
    defined = 0;
  }

  /**
   * The RLE/bit-packed hybrid encoding (bit width 1) of the first {@code n} bits, prefixed with
   * its length as data pages v1 store definition levels. Bits past {@code n} in the last byte must
   * be 0.
   */
  static BytesInput definitionLevels(byte[] bits, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + n / 7);
    out.write(0);
    out.write(0);
    out.write(0);
    out.write(0);
    int bytes = (n + 7) / 8;
    int full = n / 8;
    int g = 0;
    while (g < bytes) {
      int run = uniformRun(bits, g, full);
      if (run >= 2) {
        writeVarInt(out, (run * 8) << 1);
        out.write(bits[g] == 0 ? 0 : 1);
        g += run;
        continue;
      }
      int end = g + 1;
      while (end < bytes && end - g < MAX_PACKED_GROUPS && uniformRun(bits, end, full) < 2) {
        end++;
      }
      writeVarInt(out, ((end - g) << 1) | 1);
      out.write(bits, g, end - g);
      g = end;
    }
    byte[] encoded = out.toByteArray();
    int length = encoded.length - 4;
    encoded[0] = (byte) length;
    encoded[1] = (byte) (length >>> 8);
    encoded[2] = (byte) (length >>> 16);
    encoded[3] = (byte) (length >>> 24);
    return BytesInput.from(encoded);
  }

  /** How many whole bytes from {@code g} (below {@code full}) equal {@code bits[g]} when it is all 0s or all 1s. */
  private static int uniformRun(byte[] bits, int g, int full) {
    byte b = bits[g];
    if (g >= full || (b != 0 && b != (byte) -1)) {
      return 0;
    }
    int end = g + 1;
    while (end < full && bits[end] == b) {
      end++;
    }
    return end - g;
  }

  private static void writeVarInt(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7F) != 0) {
      out.write((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }
}
