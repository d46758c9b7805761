package dev.parity.offline.engine;

import static dev.parity.offline.Tables.MINUTE;
import static dev.parity.offline.Tables.T0;
import static dev.parity.offline.Tables.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parity.definitions.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.parity.offline.Tables;
import dev.parity.offline.TestAllocator;

class ParquetScannerPartsTest {
  private static final List<String> COLUMNS = List.of("id", "ts", "name");

  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();
  /** Shared by every part read, as a spill worker shares its buffers between the parts it reads. */
  private final ScanBuffers buffers = new ScanBuffers();

  /** Every row read, as "firstRow + i: cells". */
  private List<String> read(ParquetScanner scanner, Path file, int part, TableScanner.TimeRange prune) {
    List<String> rows = new ArrayList<>();
    TableScanner.BatchSink sink = (batch, firstRow) -> {
      for (int i = 0; i < batch.getRowCount(); i++) {
        List<Object> cells = new ArrayList<>();
        for (int c = 0; c < COLUMNS.size(); c++) {
          cells.add(Vectors.get(batch.getVector(c), i));
        }
        rows.add((firstRow + i) + ": " + cells);
      }
    };
    if (part < 0) {
      scanner.scan(file, COLUMNS, prune, allocator, 10, new ScanBuffers(), sink);
    } else {
      scanner.scanPart(file, part, COLUMNS, prune, allocator, 10, buffers, sink);
    }
    return rows;
  }

  @Test
  void readingEveryPartGivesTheRowsAndRowNumbersOfOneScan() {
    Path file = dir.resolve("t.parquet");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      rows.add(new Object[] {i % 9 == 0 ? null : (long) i, T0 + i * MINUTE, i % 4 == 0 ? null : "n" + i});
    }
    Tables.parquet(file, List.of(col("id", DataType.INT64), col("ts", DataType.TIMESTAMP),
        col("name", DataType.STRING)), rows, 37);
    ParquetScanner scanner = new ParquetScanner();
    assertEquals(7, scanner.parts(file), "250 rows in row groups of 37");
    // Without pruning, and pruned to row groups 2..4 (rows 74..184 overlap [100, 150] minutes).
    for (TableScanner.TimeRange prune : new TableScanner.TimeRange[] {
        null, new TableScanner.TimeRange("ts", T0 + 100 * MINUTE, T0 + 150 * MINUTE)}) {
      List<String> parts = new ArrayList<>();
      for (int p = 0; p < scanner.parts(file); p++) {
        parts.addAll(read(scanner, file, p, prune));
      }
      List<String> whole = read(scanner, file, -1, prune);
      assertEquals(whole, parts);
      assertEquals(prune == null ? 250 : 111, whole.size());
    }
    assertThrows(IllegalArgumentException.class,
        () -> scanner.scanPart(file, -1, COLUMNS, null, allocator, 10, new ScanBuffers(), (batch, firstRow) -> { }));
  }
}
