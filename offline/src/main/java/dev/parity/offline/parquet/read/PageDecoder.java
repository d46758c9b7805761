package dev.parity.offline.parquet.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes one flat column of one row group page by page with parquet-java's value decoders,
 * without the record-assembly state machine of its {@code ColumnReader} (which cost more than
 * the decoding itself). Call {@link #nextDefined()} once per value, then read the value from
 * {@link #values()} if it returned true; or, for int64 and double columns, read whole runs with
 * {@link #readLongs} (one way or the other for a column, not both). Shared by the engine's scanner
 * and data validation's reader, so both decode Parquet the same way. Not thread-safe.
 */
public final class PageDecoder {
  private final ColumnDescriptor descriptor;
  private final PageReader pages;
  /** The array data pages are decompressed into, or null. */
  private final PageBuffer buffer;
  private final Dictionary dictionary;
  private final int maxDef;
  private ValuesReader definitionsV1;
  private RunLengthBitPackingHybridDecoder definitionsV2;
  private ValuesReader values;
  private int remaining;
  private final boolean wide;
  private final boolean doubles;
  private final boolean binary;
  /** PLAIN 64-bit values of the current page (little-endian, at the next one), or null: no bulk reads. */
  private ByteBuffer plain;
  /** PLAIN binary values of the current page (length-prefixed, at the next one), or null. */
  private ByteBuffer plainBinaries;
  /** Whether the current page's values are dictionary ids. */
  private boolean dictionaryIds;
  /** A binary column's dictionary as one array and offsets, built on first use. */
  private byte[] dictionaryBytes;
  private int[] dictionaryOffsets;
  /** Definition levels (width 1, RLE/bit-packed hybrid) of the current page when maxDef is 1. */
  private ByteBuffer levels;
  private int runLeft;
  private boolean packedRun;
  private boolean runDefined;
  private int packedStart;
  private int packedBit;

  /**
   * A decoder of one column chunk.
   *
   * @throws IOException if the dictionary page cannot be read
   * @throws IllegalStateException for a repeated column
   */
  public PageDecoder(ColumnDescriptor descriptor, PageReader pages) throws IOException {
    this(descriptor, pages, null);
  }

  /**
   * A decoder of one column chunk that decompresses its data pages into {@code buffer} (null: a
   * new array per page). A page's values, binary ones included, are then valid only until the
   * next page is read: the caller copies them out as it reads them.
   *
   * @throws IOException if the dictionary page cannot be read
   * @throws IllegalStateException for a repeated column
   */
  public PageDecoder(ColumnDescriptor descriptor, PageReader pages, PageBuffer buffer) throws IOException {
    if (descriptor.getMaxRepetitionLevel() != 0) {
      throw new IllegalStateException("repeated column passed the schema check: " + descriptor);
    }
    this.descriptor = descriptor;
    this.pages = pages;
    this.buffer = buffer;
    this.maxDef = descriptor.getMaxDefinitionLevel();
    PrimitiveTypeName physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
    this.doubles = physical == PrimitiveTypeName.DOUBLE;
    this.wide = doubles || physical == PrimitiveTypeName.INT64;
    this.binary = physical == PrimitiveTypeName.BINARY;
    DictionaryPage page = pages.readDictionaryPage();
    this.dictionary = page == null ? null : page.getEncoding().initDictionary(descriptor, page);
  }

  /**
   * Advances to the next value; true if it is not null (then read it from {@link #values()}).
   *
   * @throws IOException if a page cannot be read or the chunk has fewer values than asked for
   */
  public boolean nextDefined() throws IOException {
    while (remaining == 0) {
      nextPage();
    }
    remaining--;
    if (maxDef == 0) {
      return true;
    }
    int level = definitionsV1 != null ? definitionsV1.readInteger() : definitionsV2.readInt();
    return level == maxDef;
  }

  /** The decoder of the current page's values. */
  public ValuesReader values() {
    return values;
  }

  private void nextPage() throws IOException {
    DataPage page = buffer == null ? pages.readPage() : buffer.offerTo(pages::readPage);
    if (page == null) {
      throw new IOException("column " + descriptor + " has fewer values than its row group");
    }
    remaining = page.getValueCount();
    plain = null;
    plainBinaries = null;
    levels = null;
    runLeft = 0;
    Encoding valueEncoding;
    if (page instanceof DataPageV1 v1) {
      // The page's bytes are read once into a buffer (a page may be a one-shot stream), then
      // decoded from views of it.
      ByteBuffer bytes = v1.getBytes().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      ByteBufferInputStream in = ByteBufferInputStream.wrap(bytes.duplicate());
      v1.getRlEncoding().getValuesReader(descriptor, ValuesType.REPETITION_LEVEL).initFromPage(remaining, in);
      definitionsV1 = v1.getDlEncoding().getValuesReader(descriptor, ValuesType.DEFINITION_LEVEL);
      definitionsV1.initFromPage(remaining, in);
      definitionsV2 = null;
      valueEncoding = v1.getValueEncoding();
      values = valuesReader(valueEncoding);
      values.initFromPage(remaining, in);
      // Bulk reads: no repetition levels (flat), and definition levels either absent or RLE with
      // the v1 length prefix.
      if ((wide || binary) && valueEncoding == Encoding.PLAIN
          && (maxDef == 0 || maxDef == 1 && v1.getDlEncoding() == Encoding.RLE)) {
        int start = 0;
        if (maxDef == 1) {
          int length = bytes.getInt(bytes.position());
          levels = wide ? slice(bytes, bytes.position() + 4, length) : null;
          start = 4 + length;
        }
        ByteBuffer values = slice(bytes, bytes.position() + start, bytes.remaining() - start);
        if (wide) {
          plain = values;
        } else {
          plainBinaries = values;
        }
      }
    } else {
      DataPageV2 v2 = (DataPageV2) page;
      ByteBuffer levelBytes = v2.getDefinitionLevels().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      ByteBuffer data = v2.getData().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      definitionsV1 = null;
      definitionsV2 = new RunLengthBitPackingHybridDecoder(BytesUtils.getWidthFromMaxInt(maxDef),
          ByteBufferInputStream.wrap(levelBytes.duplicate()));
      valueEncoding = v2.getDataEncoding();
      values = valuesReader(valueEncoding);
      values.initFromPage(remaining, ByteBufferInputStream.wrap(data.duplicate()));
      if (wide && valueEncoding == Encoding.PLAIN && maxDef <= 1) {
        levels = maxDef == 1 ? levelBytes.slice().order(ByteOrder.LITTLE_ENDIAN) : null;
        plain = data.slice().order(ByteOrder.LITTLE_ENDIAN);
      } else if (binary && valueEncoding == Encoding.PLAIN) {
        plainBinaries = data.slice().order(ByteOrder.LITTLE_ENDIAN);
      }
    }
    dictionaryIds = valueEncoding.usesDictionary();
  }

  private static ByteBuffer slice(ByteBuffer bytes, int from, int length) {
    ByteBuffer view = bytes.duplicate();
    view.position(from);
    view.limit(from + length);
    return view.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Appends the next {@code n} values of a binary (string) column to {@code out}: dictionary ids
   * are looked up in the dictionary laid out once as one array, PLAIN values are copied straight
   * from the page; no object per value (parquet-java's {@code Binary} and a {@code ByteBuffer}
   * per value were most of a string column's reading time).
   *
   * @throws IOException if a page cannot be read or the chunk has fewer values than asked for
   * @throws IllegalStateException if the column is not binary
   */
  public void readBinaries(BinaryBatch out, int n) throws IOException {
    if (!binary) {
      throw new IllegalStateException("not a binary column: " + descriptor);
    }
    for (int i = 0; i < n; i++) {
      if (!nextDefined()) {
        out.appendNull();
      } else if (dictionaryIds) {
        if (dictionaryBytes == null) {
          layOutDictionary();
        }
        int id = values.readValueDictionaryId();
        if (id < 0 || id >= dictionaryOffsets.length - 1) {
          throw new IOException("dictionary id " + id + " out of range in column " + descriptor);
        }
        out.append(dictionaryBytes, dictionaryOffsets[id], dictionaryOffsets[id + 1] - dictionaryOffsets[id]);
      } else if (plainBinaries != null) {
        int length = plainBinaries.getInt();
        if (length < 0 || length > plainBinaries.remaining()) {
          throw new IOException("binary value of " + length + " bytes past the end of its page in column "
              + descriptor);
        }
        out.append(plainBinaries, length);
      } else {
        ByteBuffer bytes = values.readBytes().toByteBuffer();
        out.append(bytes, bytes.remaining());
      }
    }
  }

  private void layOutDictionary() {
    int size = dictionary.getMaxId() + 1;
    int[] offsets = new int[size + 1];
    ByteBuffer[] entries = new ByteBuffer[size];
    long total = 0;
    for (int id = 0; id < size; id++) {
      entries[id] = dictionary.decodeToBinary(id).toByteBuffer();
      total += entries[id].remaining();
      if (total > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("dictionary over 2 GiB in column " + descriptor);
      }
      offsets[id + 1] = (int) total;
    }
    byte[] bytes = new byte[(int) total];
    for (int id = 0; id < size; id++) {
      entries[id].duplicate().get(bytes, offsets[id], offsets[id + 1] - offsets[id]);
    }
    dictionaryBytes = bytes;
    dictionaryOffsets = offsets;
  }

  /**
   * Reads the next {@code n} values of an int64 or double column: the 64-bit words (double
   * bits) into {@code out[at .. at + n)}, and sets bit {@code at + i} of {@code valid} (Arrow
   * layout) for each value that is not null (0 is stored for a null). PLAIN pages are decoded a
   * run of levels and a block of values at a time; other encodings value by value.
   *
   * @throws IOException if a page cannot be read or the chunk has fewer values than asked for
   * @throws IllegalStateException if the column is not int64 or double
   */
  public void readLongs(long[] out, byte[] valid, int at, int n) throws IOException {
    if (!wide) {
      throw new IllegalStateException("not a 64-bit column: " + descriptor);
    }
    for (int done = 0; done < n; ) {
      while (remaining == 0) {
        nextPage();
      }
      int k = Math.min(remaining, n - done);
      if (plain != null) {
        readPlain(out, valid, at + done, k);
        remaining -= k;
      } else {
        for (int i = at + done; i < at + done + k; i++) {
          if (nextDefined()) {
            out[i] = doubles ? Double.doubleToRawLongBits(values.readDouble()) : values.readLong();
            valid[i >>> 3] |= (byte) (1 << (i & 7));
          }
        }
      }
      done += k;
    }
  }

  /**
   * Reads the next {@code n} values of an int64 or double column as {@link #readLongs} does, but
   * writes only the values that are not null, packed from {@code out[0]} in order: what a reader
   * that needs the values and the null count, not where the nulls are, asks for. {@code scratch}
   * holds at least {@code n / 8 + 1} bytes, written to and never read.
   *
   * @return how many values were not null
   * @throws IOException if a page cannot be read or the chunk has fewer values than asked for
   */
  public int readDefinedLongs(long[] out, byte[] scratch, int n) throws IOException {
    if (!wide) {
      throw new IllegalStateException("not a 64-bit column: " + descriptor);
    }
    int defined = 0;
    for (int done = 0; done < n; ) {
      while (remaining == 0) {
        nextPage();
      }
      int k = Math.min(remaining, n - done);
      if (plain != null) {
        // readLevels counts from the levels themselves: the bits it leaves in scratch are not read.
        int d = levels == null ? k : readLevels(scratch, 0, k);
        plain.asLongBuffer().get(out, defined, d);
        plain.position(plain.position() + 8 * d);
        defined += d;
        remaining -= k;
      } else {
        for (int i = 0; i < k; i++) {
          if (nextDefined()) {
            out[defined++] = doubles ? Double.doubleToRawLongBits(values.readDouble()) : values.readLong();
          }
        }
      }
      done += k;
    }
    return defined;
  }

  private void readPlain(long[] out, byte[] valid, int at, int k) {
    int defined = levels == null ? setAll(valid, at, k) : readLevels(valid, at, k);
    if (defined == k) {
      plain.asLongBuffer().get(out, at, k);
      plain.position(plain.position() + 8 * k);
      return;
    }
    // The defined values in one bulk read, then moved up to their slots from the end (a value
    // never moves down, so none is overwritten before it is moved); nulls get 0.
    plain.asLongBuffer().get(out, at, defined);
    plain.position(plain.position() + 8 * defined);
    for (int i = at + k - 1, d = at + defined - 1; i > d; i--) {
      if ((valid[i >>> 3] & (1 << (i & 7))) != 0) {
        out[i] = out[d--];
      } else {
        out[i] = 0;
      }
    }
  }

  /** Sets validity bits {@code [at, at + k)}: whole bytes at once, the ends bit by bit. */
  private static int setAll(byte[] valid, int at, int k) {
    int i = at;
    int end = at + k;
    for (; i < end && (i & 7) != 0; i++) {
      valid[i >>> 3] |= (byte) (1 << (i & 7));
    }
    int wholeEnd = end & ~7;
    if (i < wholeEnd) {
      java.util.Arrays.fill(valid, i >>> 3, wholeEnd >>> 3, (byte) -1);
      i = wholeEnd;
    }
    for (; i < end; i++) {
      valid[i >>> 3] |= (byte) (1 << (i & 7));
    }
    return k;
  }

  /** Decodes {@code k} definition levels (width 1) into validity bits from {@code at}; returns how many are 1. */
  private int readLevels(byte[] valid, int at, int k) {
    int defined = 0;
    for (int i = 0; i < k; ) {
      if (runLeft == 0) {
        nextRun();
      }
      int m = Math.min(runLeft, k - i);
      if (!packedRun) {
        if (runDefined) {
          setAll(valid, at + i, m);
          defined += m;
        }
      } else {
        int j = 0;
        while (j < m && (packedBit & 7) != 0) {
          defined += packedLevel(valid, at + i + j++);
        }
        // Eight levels (one byte) at a time, merged into the validity bytes at any alignment.
        for (; j + 8 <= m; j += 8) {
          int b = levels.get(packedStart + (packedBit >>> 3)) & 0xFF;
          packedBit += 8;
          if (b != 0) {
            int slot = at + i + j;
            int shift = slot & 7;
            valid[slot >>> 3] |= (byte) (b << shift);
            if (shift != 0) {
              valid[(slot >>> 3) + 1] |= (byte) (b >>> (8 - shift));
            }
            defined += Integer.bitCount(b);
          }
        }
        while (j < m) {
          defined += packedLevel(valid, at + i + j++);
        }
      }
      runLeft -= m;
      i += m;
    }
    return defined;
  }

  /** The next bit-packed level into validity bit {@code slot}; 1 if it is set. */
  private int packedLevel(byte[] valid, int slot) {
    int bit = packedBit++;
    if ((levels.get(packedStart + (bit >>> 3)) & (1 << (bit & 7))) == 0) {
      return 0;
    }
    valid[slot >>> 3] |= (byte) (1 << (slot & 7));
    return 1;
  }

  private void nextRun() {
    int header = 0;
    int shift = 0;
    int b;
    do {
      b = levels.get() & 0xFF;
      header |= (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    if ((header & 1) == 0) {
      packedRun = false;
      runLeft = header >>> 1;
      runDefined = (levels.get() & 1) != 0;
    } else {
      int groups = header >>> 1;
      packedRun = true;
      runLeft = groups * 8;
      packedStart = levels.position();
      packedBit = 0;
      levels.position(Math.min(levels.limit(), packedStart + groups));
    }
  }

  private ValuesReader valuesReader(Encoding encoding) throws IOException {
    if (encoding.usesDictionary()) {
      if (dictionary == null) {
        throw new IOException("dictionary-encoded page without a dictionary in column " + descriptor);
      }
      return encoding.getDictionaryBasedValuesReader(descriptor, ValuesType.VALUES, dictionary);
    }
    return encoding.getValuesReader(descriptor, ValuesType.VALUES);
  }
}
