package dev.parity.offline.parquet.read;

import static dev.parity.offline.parquet.write.DuckDb.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.parity.offline.parquet.write.DuckDb;

/** Parity's page codecs against parquet-java's (Hadoop) ones, which every other Parquet reader agrees with. */
class ParquetCodecsTest {
  private static final List<CompressionCodecName> HANDLED = List.of(CompressionCodecName.UNCOMPRESSED,
      CompressionCodecName.SNAPPY, CompressionCodecName.GZIP, CompressionCodecName.ZSTD);

  @TempDir Path dir;
  private final DuckDb duck = DuckDb.open();
  private final CodecFactory hadoop = new CodecFactory(new PlainParquetConfiguration(), 0);

  @AfterEach
  void close() throws Exception {
    hadoop.release();
    duck.close();
  }

  /** Page-like inputs: empty, tiny, repetitive, random, and large enough for several zstd blocks. */
  private static List<byte[]> pages() {
    Random random = new Random(7);
    List<byte[]> pages = new ArrayList<>();
    pages.add(new byte[0]);
    pages.add(new byte[] {42});
    byte[] repetitive = new byte[100_000];
    for (int i = 0; i < repetitive.length; i++) {
      repetitive[i] = (byte) (i % 7 == 0 ? i : 3);
    }
    pages.add(repetitive);
    byte[] noise = new byte[300_000];
    random.nextBytes(noise);
    pages.add(noise);
    byte[] large = new byte[1 << 21];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) (random.nextInt(16) + (i >> 12));
    }
    pages.add(large);
    return pages;
  }

  @Test
  void pagesCompressedHereDecompressWithParquetJavaAndTheOtherWayRound() throws IOException {
    CompressionCodecFactory ours = ParquetCodecs.instance();
    for (CompressionCodecName codec : HANDLED) {
      for (byte[] page : pages()) {
        String what = codec + ", " + page.length + " bytes";
        byte[] compressed = ours.getCompressor(codec).compress(BytesInput.from(page)).toByteArray();
        assertThat(hadoop.getDecompressor(codec).decompress(BytesInput.from(compressed), page.length).toByteArray())
            .as(what).isEqualTo(page);
        byte[] theirs = hadoop.getCompressor(codec).compress(BytesInput.from(page)).toByteArray();
        assertThat(ours.getDecompressor(codec).decompress(BytesInput.from(theirs), page.length).toByteArray())
            .as(what).isEqualTo(page);
        // The buffer form (off-heap readers): the input untouched, the output's position advanced.
        ByteBuffer input = ByteBuffer.allocateDirect(theirs.length).put(theirs).flip();
        ByteBuffer output = ByteBuffer.allocateDirect(page.length + 3);
        output.put((byte) 1);
        ours.getDecompressor(codec).decompress(input, theirs.length, output, page.length);
        assertThat(input.position()).as(what).isZero();
        assertThat(output.position()).as(what).isEqualTo(page.length + 1);
        byte[] back = new byte[page.length];
        output.position(1);
        output.get(back);
        assertThat(back).as(what).isEqualTo(page);
      }
    }
  }

  /**
   * Files DuckDB wrote, in every codec it writes (LZ4 is parquet-java's, through the fallback):
   * every page of every column decompresses to the same bytes as with parquet-java's codecs.
   */
  @Test
  void readsEveryPageOfDuckDbFilesAsParquetJavaDoes() throws IOException {
    for (String codec : List.of("uncompressed", "snappy", "gzip", "zstd", "lz4_raw")) {
      Path file = dir.resolve(codec + ".parquet");
      duck.execute("COPY (SELECT i AS id, CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.25 END AS d,"
          + " 'v' || (i % 97) AS s FROM range(300000) t(i)) TO " + literal(file)
          + " (FORMAT parquet, COMPRESSION " + codec + ", ROW_GROUP_SIZE 100000)");
      List<byte[]> ours = pageBytes(file, ParquetCodecs.readOptions());
      List<byte[]> theirs = pageBytes(file, ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
      assertThat(ours).as(codec).hasSize(theirs.size()).hasSizeGreaterThan(9);
      for (int i = 0; i < ours.size(); i++) {
        assertThat(ours.get(i)).as("%s page %d", codec, i).isEqualTo(theirs.get(i));
      }
    }
  }

  /** Dictionary and data pages of every column and row group, decompressed, in file order. */
  private static List<byte[]> pageBytes(Path file, ParquetReadOptions options) throws IOException {
    List<byte[]> pages = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
      List<ColumnDescriptor> columns = reader.getFooter().getFileMetaData().getSchema().getColumns();
      PageReadStore group;
      while ((group = reader.readNextRowGroup()) != null) {
        for (ColumnDescriptor column : columns) {
          PageReader pageReader = group.getPageReader(column);
          DictionaryPage dictionary = pageReader.readDictionaryPage();
          if (dictionary != null) {
            pages.add(dictionary.getBytes().toByteArray());
          }
          DataPage page;
          while ((page = pageReader.readPage()) != null) {
            pages.add(page instanceof DataPageV1 v1 ? v1.getBytes().toByteArray()
                : ((DataPageV2) page).getData().toByteArray());
          }
        }
      }
    }
    return pages;
  }

  @Test
  void aCorruptPageIsAnErrorNamingItsCodec() throws IOException {
    byte[] page = pages().get(2);
    for (CompressionCodecName codec : List.of(CompressionCodecName.SNAPPY, CompressionCodecName.GZIP,
        CompressionCodecName.ZSTD)) {
      byte[] compressed = ParquetCodecs.instance().getCompressor(codec).compress(BytesInput.from(page)).toByteArray();
      byte[] truncated = Arrays.copyOf(compressed, compressed.length / 2);
      assertThatThrownBy(() -> ParquetCodecs.instance().getDecompressor(codec)
          .decompress(BytesInput.from(truncated), page.length))
          .as("%s", codec).isInstanceOf(IOException.class);
      // A page whose header claims fewer bytes than it holds.
      assertThatThrownBy(() -> ParquetCodecs.instance().getDecompressor(codec)
          .decompress(BytesInput.from(compressed), page.length - 1))
          .as("%s", codec).isInstanceOf(IOException.class).hasMessageContaining(codec.name().toLowerCase());
    }
  }
}
