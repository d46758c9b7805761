package dev.parity.offline.parquet.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parity.offline.parquet.write.DuckDb;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PageDecoder#readLongs} (whole runs of levels and blocks of PLAIN values) against the
 * value-by-value decoding of {@link PageDecoder#nextDefined()}: the same words and nulls for
 * every int64 and double column of files written by DuckDB (pages v1 and v2, PLAIN and
 * dictionary pages, long and short null runs, required columns), read in uneven chunks that
 * cross runs and pages; and {@link PageDecoder#readBinaries} likewise for string columns.
 */
class PageDecoderTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"V1", "V2"})
  void bulkReadsMatchValueByValueReads(String version) throws Exception {
    Path file = dir.resolve("t.parquet");
    try (DuckDb duck = copy(file, version, 60_000,
        "CASE WHEN i % 7 = 0 OR i BETWEEN 10000 AND 13000 THEN NULL ELSE i * 3 - 50000 END::BIGINT AS sparse, "
            + "CASE WHEN i BETWEEN 40000 AND 40100 THEN NULL ELSE (i * 0.25)::DOUBLE END AS mostly, "
            + "(i % 5)::BIGINT AS few, "
            + "i::BIGINT AS dense, "
            + "CASE WHEN i % 2 = 0 THEN NULL ELSE -i / 3.0 END::DOUBLE AS half", 70_001)) {
      duck.execute("CREATE TABLE r (x BIGINT NOT NULL)");
      duck.execute("INSERT INTO r SELECT i * 11 FROM range(30000) t(i)");
      duck.execute("COPY r TO " + DuckDb.literal(dir.resolve("required.parquet"))
          + " (FORMAT parquet, PARQUET_VERSION " + version + ")");
    }
    int columns = compare(file);
    assertEquals(5, columns);
    assertEquals(1, compare(dir.resolve("required.parquet")));
  }

  /**
   * {@link PageDecoder#readBinaries} against value-by-value {@code values().readBytes()}: string
   * columns with few distinct values (dictionary pages), unique values (DuckDB writes them
   * PLAIN), nulls, empty and multi-byte strings, read in uneven chunks.
   */
  @ParameterizedTest
  @ValueSource(strings = {"V1", "V2"})
  void binaryBatchesMatchValueByValueReads(String version) throws Exception {
    Path file = dir.resolve("s.parquet");
    copy(file, version, 30_000,
        "CASE WHEN i % 9 = 0 THEN NULL ELSE 'k' || (i % 13)::VARCHAR END AS few, "
            + "'unique-' || i::VARCHAR || repeat('x', (i % 17)::INT) AS unique_values, "
            + "CASE WHEN i % 3 = 0 THEN NULL WHEN i % 3 = 1 THEN '' ELSE 'été-' || (i * 7)::VARCHAR END AS mixed",
        50_001).close();
    int compared = 0;
    try (ParquetFileReader bulk = open(file); ParquetFileReader single = open(file)) {
      MessageType schema = bulk.getFooter().getFileMetaData().getSchema();
      PageReadStore a;
      while ((a = bulk.readNextRowGroup()) != null) {
        PageReadStore b = single.readNextRowGroup();
        int rows = (int) a.getRowCount();
        for (ColumnDescriptor column : schema.getColumns()) {
          PageDecoder fast = new PageDecoder(column, a.getPageReader(column));
          PageDecoder slow = new PageDecoder(column, b.getPageReader(column));
          java.util.List<String> got = new java.util.ArrayList<>();
          BinaryBatch batch = new BinaryBatch();
          for (int at = 0, step = 1; at < rows; at += step, step = step * 3 % 7_919 + 1) {
            int k = Math.min(step, rows - at);
            batch.reset(k);
            fast.readBinaries(batch, k);
            assertEquals(k, batch.count());
            for (int i = 0; i < k; i++) {
              boolean valid = (batch.validity()[i >>> 3] & (1 << (i & 7))) != 0;
              int from = batch.offsets()[i];
              got.add(valid ? new String(batch.data(), from, batch.offsets()[i + 1] - from,
                  java.nio.charset.StandardCharsets.UTF_8) : null);
            }
          }
          java.util.List<String> expected = new java.util.ArrayList<>();
          for (int i = 0; i < rows; i++) {
            expected.add(slow.nextDefined() ? slow.values().readBytes().toStringUsingUTF8() : null);
          }
          assertEquals(expected, got, column.toString());
          compared++;
        }
      }
    }
    assertEquals(6, compared, "three columns in two row groups");
  }

  /** Decodes every 64-bit column of every row group both ways; returns the columns compared. */
  private static int compare(Path file) throws IOException {
    int compared = 0;
    try (ParquetFileReader bulk = open(file); ParquetFileReader single = open(file);
        ParquetFileReader packedReader = open(file)) {
      MessageType schema = bulk.getFooter().getFileMetaData().getSchema();
      PageReadStore a;
      while ((a = bulk.readNextRowGroup()) != null) {
        PageReadStore b = single.readNextRowGroup();
        PageReadStore c = packedReader.readNextRowGroup();
        int rows = (int) a.getRowCount();
        compared = 0;
        for (ColumnDescriptor column : schema.getColumns()) {
          PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
          PageDecoder fast = new PageDecoder(column, a.getPageReader(column));
          PageDecoder slow = new PageDecoder(column, b.getPageReader(column));
          PageDecoder packed = new PageDecoder(column, c.getPageReader(column));
          long[] got = new long[rows];
          byte[] gotValid = new byte[(rows + 7) / 8];
          // Chunks of uneven sizes: a read ends inside runs and pages.
          for (int at = 0, step = 1; at < rows; at += step, step = step * 3 % 9_973 + 1) {
            fast.readLongs(got, gotValid, at, Math.min(step, rows - at));
          }
          // readDefinedLongs: the same values without their nulls, packed, in the same uneven chunks.
          long[] gotDefined = new long[rows];
          int definedCount = 0;
          long[] chunk = new long[9_973];
          byte[] scratch = new byte[9_973 / 8 + 1];
          for (int at = 0, step = 1; at < rows; at += step, step = step * 3 % 9_973 + 1) {
            int d = packed.readDefinedLongs(chunk, scratch, Math.min(step, rows - at));
            System.arraycopy(chunk, 0, gotDefined, definedCount, d);
            definedCount += d;
          }
          long[] expected = new long[rows];
          byte[] expectedValid = new byte[(rows + 7) / 8];
          int nulls = 0;
          for (int i = 0; i < rows; i++) {
            if (slow.nextDefined()) {
              expected[i] = type == PrimitiveTypeName.DOUBLE
                  ? Double.doubleToRawLongBits(slow.values().readDouble()) : slow.values().readLong();
              expectedValid[i >>> 3] |= (byte) (1 << (i & 7));
            } else {
              nulls++;
            }
          }
          assertArrayEquals(expectedValid, gotValid, column + " nulls");
          assertArrayEquals(expected, got, column + " values");
          long[] expectedDefined = new long[rows - nulls];
          for (int i = 0, d = 0; i < rows; i++) {
            if ((expectedValid[i >>> 3] & (1 << (i & 7))) != 0) {
              expectedDefined[d++] = expected[i];
            }
          }
          assertArrayEquals(expectedDefined, Arrays.copyOf(gotDefined, definedCount), column + " defined values");
          assertTrue(rows > 0);
          compared++;
          if (column.getPath()[0].equals("sparse") && rows == 60_000) {
            assertTrue(nulls > 3000, "the test data has a long null run: " + nulls);
          }
        }
      }
    }
    return compared;
  }

  /**
   * Writes {@code columns} (SQL over {@code i} in {@code [0, rows)}) to {@code file} with DuckDB,
   * pages of {@code version}; returns the open connection for more.
   */
  private static DuckDb copy(Path file, String version, int rowGroupRows, String columns, int rows) throws Exception {
    DuckDb duck = DuckDb.open();
    try {
      duck.execute("COPY (SELECT " + columns + " FROM range(" + rows + ") t(i)) TO " + DuckDb.literal(file)
          + " (FORMAT parquet, PARQUET_VERSION " + version + ", ROW_GROUP_SIZE " + rowGroupRows + ")");
      return duck;
    } catch (Exception | Error e) {
      duck.close();
      throw e;
    }
  }

  private static ParquetFileReader open(Path file) throws IOException {
    return ParquetFileReader.open(new LocalInputFile(file),
        ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
  }
}
