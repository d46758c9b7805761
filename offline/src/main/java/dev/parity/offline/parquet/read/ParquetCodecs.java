package dev.parity.offline.parquet.read;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression of the Parquet files Parity reads and writes, calling snappy-java, zstd-jni
 * and java.util.zip directly. parquet-java's own {@link CodecFactory} goes through Hadoop: one
 * Hadoop {@code Configuration} per factory, i.e. per file opened, whose first read parses
 * Hadoop's default XML resources, and every page through Hadoop's stream wrappers. That parsing
 * ran once per file and row group read (dozens of times per training set), enough for the JIT
 * to compile the XML parser. Other codecs (LZ4, Brotli, LZO) still go through parquet-java's
 * factory. Stateless: one instance serves every reader and writer, on any thread.
 */
public final class ParquetCodecs implements CompressionCodecFactory {
  /** parquet-java's default level ({@code parquet.compression.codec.zstd.level}). */
  static final int ZSTD_LEVEL = 3;

  private static final Map<CompressionCodecName, Codec> CODECS = new EnumMap<>(CompressionCodecName.class);

  static {
    for (CompressionCodecName codec : List.of(CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY,
        CompressionCodecName.ZSTD, CompressionCodecName.GZIP)) {
      CODECS.put(codec, new Codec(codec));
    }
  }

  private static final ParquetCodecs INSTANCE = new ParquetCodecs();
  /** Bytes of column-chunk buffers kept between row groups: a few row groups' worth for each reading thread. */
  private static final long KEPT_READ_BUFFERS = 64L << 20;
  private static final ParquetReadOptions READ_OPTIONS = ParquetReadOptions.builder(new PlainParquetConfiguration())
      .withCodecFactory(INSTANCE)
      .withAllocator(new ReadBuffers(KEPT_READ_BUFFERS))
      .build();

  private ParquetCodecs() {}

  public static CompressionCodecFactory instance() {
    return INSTANCE;
  }

  /**
   * Default read options, with these codecs and a pool of column-chunk buffers ({@code
   * ReadBuffers}: a reader that closes each row group's {@code PageReadStore} after use gives its
   * buffers to the next). Shareable: readers never change them.
   */
  public static ParquetReadOptions readOptions() {
    return READ_OPTIONS;
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    Codec handled = CODECS.get(codec);
    return handled != null ? handled : fallback().getCompressor(codec);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    Codec handled = CODECS.get(codec);
    return handled != null ? handled : fallback().getDecompressor(codec);
  }

  /** A factory of parquet-java's for the codecs not handled here: its instances cache state per codec, so one per caller. */
  private static CodecFactory fallback() {
    return new CodecFactory(new PlainParquetConfiguration(), 0);
  }

  @Override
  public void release() {}

  /** Both directions of one codec; stateless, so one instance per codec serves every caller. */
  private static final class Codec implements BytesInputCompressor, BytesInputDecompressor {
    private final CompressionCodecName codec;

    Codec(CompressionCodecName codec) {
      this.codec = codec;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        return bytes;
      }
      ByteBuffer in = arrayBacked(bytes);
      byte[] array = in.array();
      int offset = in.arrayOffset() + in.position();
      int length = in.remaining();
      switch (codec) {
        case SNAPPY: {
          byte[] out = new byte[Snappy.maxCompressedLength(length)];
          return BytesInput.from(out, 0, Snappy.compress(array, offset, length, out, 0));
        }
        case ZSTD: {
          byte[] out = new byte[(int) Zstd.compressBound(length)];
          long size = Zstd.compressByteArray(out, 0, out.length, array, offset, length, ZSTD_LEVEL);
          if (Zstd.isError(size)) {
            throw new IOException("zstd compression failed: " + Zstd.getErrorName(size));
          }
          return BytesInput.from(out, 0, (int) size);
        }
        default: {
          ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
          try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(array, offset, length);
          }
          return BytesInput.from(out.toByteArray());
        }
      }
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        return bytes;
      }
      ByteBuffer in = arrayBacked(bytes);
      byte[] out = PageBuffer.take(uncompressedSize);
      decompress(in.array(), in.arrayOffset() + in.position(), in.remaining(), out, 0, uncompressedSize);
      return BytesInput.from(out, 0, uncompressedSize);
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
        throws IOException {
      // As parquet-java's: the input is left as it is, the output's position advanced.
      byte[] in = new byte[compressedSize];
      input.duplicate().get(in);
      if (codec == CompressionCodecName.UNCOMPRESSED) {
        output.put(in, 0, uncompressedSize);
        return;
      }
      byte[] out = new byte[uncompressedSize];
      decompress(in, 0, compressedSize, out, 0, uncompressedSize);
      output.put(out);
    }

    /**
     * The bytes as a slice of an array: the input's own array when it is backed by one (a page
     * read from a file, a page encoded in memory), a copy otherwise.
     */
    private static ByteBuffer arrayBacked(BytesInput bytes) throws IOException {
      ByteBuffer buffer = bytes.toByteBuffer();
      if (buffer.hasArray()) {
        return buffer;
      }
      byte[] copy = new byte[buffer.remaining()];
      buffer.duplicate().get(copy);
      return ByteBuffer.wrap(copy);
    }

    private void decompress(byte[] in, int offset, int length, byte[] out, int outOffset, int size)
        throws IOException {
      String name = codec.name().toLowerCase(java.util.Locale.ROOT);
      if (length == 0 && size == 0) {
        return; // parquet-java's snappy writes an empty page as no bytes at all
      }
      long n;
      switch (codec) {
        case SNAPPY:
          try {
            n = Snappy.uncompressedLength(in, offset, length);
            if (n == size) {
              n = Snappy.uncompress(in, offset, length, out, outOffset);
            }
          } catch (IOException e) {
            throw new IOException("corrupt snappy page: " + e.getMessage(), e);
          }
          break;
        case ZSTD:
          try {
            n = Zstd.decompressByteArray(out, outOffset, size, in, offset, length);
          } catch (ZstdException e) {
            throw new IOException("corrupt zstd page: " + e.getMessage(), e);
          }
          if (Zstd.isError(n)) {
            throw new IOException("corrupt zstd page: " + Zstd.getErrorName(n));
          }
          break;
        default:
          try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(in, offset, length))) {
            n = gzip.readNBytes(out, outOffset, size);
            if (n == size && gzip.read() != -1) {
              n = size + 1L;
            }
          } catch (IOException e) {
            throw new IOException("corrupt gzip page: " + e.getMessage(), e);
          }
          break;
      }
      if (n > size) {
        throw new IOException("corrupt " + name + " page: more than the " + size + " bytes its header gives");
      } else if (n < size) {
        throw new IOException("corrupt " + name + " page: " + n + " bytes where its header gives " + size);
      }
    }

    @Override
    public void release() {}
  }
}
