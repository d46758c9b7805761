package dev.parity.offline.engine;

import static dev.parity.offline.Tables.MINUTE;
import static dev.parity.offline.Tables.T0;
import static dev.parity.offline.Tables.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parity.definitions.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.parity.offline.Tables;
import dev.parity.offline.TestAllocator;

/**
 * Scans that share one {@link ScanBuffers}, as a spill worker's do: each column's pages are
 * decompressed into one reused array, so a value still read from the previous page, or a
 * buffer not grown for a larger page, would show here as a wrong cell.
 */
class ScanBuffersTest {
  private static final List<String> COLUMNS = List.of("id", "ts", "x", "name");

  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();

  @Test
  void filesReadWithSharedBuffersGiveEveryCell() {
    // Several pages per column chunk (parquet-java starts a page every 20,000 rows), unique
    // strings (past the dictionary limit: plain pages whose values point into the page), nulls,
    // and a second file whose pages are larger than the first's, so the buffers must grow.
    Path small = write("small.parquet", 50_000, 8, 30_000);
    Path large = write("large.parquet", 45_000, 40, 45_000);
    ScanBuffers buffers = new ScanBuffers();
    ParquetScanner scanner = new ParquetScanner();
    for (int round = 0; round < 2; round++) {
      assertEquals(expected(50_000, 8), scan(scanner, small, buffers));
      assertEquals(expected(45_000, 40), scan(scanner, large, buffers));
      List<String> parts = new ArrayList<>();
      for (int p = 0; p < scanner.parts(small); p++) {
        parts.addAll(scanPart(scanner, small, p, buffers));
      }
      assertEquals(expected(50_000, 8), parts);
    }
    assertTrue(scanner.parts(small) > 1, "the small file has several row groups");
  }

  private Path write(String name, int rows, int padding, int rowGroupRows) {
    List<Object[]> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      data.add(row(i, padding));
    }
    Path file = dir.resolve(name);
    Tables.parquet(file, List.of(col("id", DataType.INT64), col("ts", DataType.TIMESTAMP), col("x", DataType.FLOAT64),
        col("name", DataType.STRING)), data, rowGroupRows);
    return file;
  }

  private static Object[] row(int i, int padding) {
    return new Object[] {
        i % 7 == 0 ? null : (long) i * 31,
        T0 + i * MINUTE,
        i % 11 == 0 ? null : i / 4.0,
        i % 5 == 0 ? null : "name-" + i + "-" + "p".repeat(padding + i % 13)};
  }

  private static List<String> expected(int rows, int padding) {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Object[] row = row(i, padding);
      cells.add(i + ": " + row[0] + " " + row[1] + " " + row[2] + " " + row[3]);
    }
    return cells;
  }

  private List<String> scan(ParquetScanner scanner, Path file, ScanBuffers buffers) {
    List<String> cells = new ArrayList<>();
    scanner.scan(file, COLUMNS, null, allocator, 4096, buffers, (batch, firstRow) -> collect(batch, firstRow, cells));
    return cells;
  }

  private List<String> scanPart(ParquetScanner scanner, Path file, int part, ScanBuffers buffers) {
    List<String> cells = new ArrayList<>();
    scanner.scanPart(file, part, COLUMNS, null, allocator, 4096, buffers,
        (batch, firstRow) -> collect(batch, firstRow, cells));
    return cells;
  }

  private static void collect(org.apache.arrow.vector.VectorSchemaRoot batch, long firstRow, List<String> cells) {
    for (int i = 0; i < batch.getRowCount(); i++) {
      Object ts = Vectors.get(batch.getVector(1), i);
      cells.add((firstRow + i) + ": " + Vectors.get(batch.getVector(0), i) + " " + ts + " "
          + Vectors.get(batch.getVector(2), i) + " " + Vectors.get(batch.getVector(3), i));
    }
  }
}
