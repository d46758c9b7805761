package dev.parity.offline.parquet.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parity.definitions.DataType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrowParquetWriterGroupsTest {
  private static List<Column> columns(DataType... types) {
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < types.length; c++) {
      columns.add(Column.optional("c" + c, types[c]));
    }
    return columns;
  }

  @Test
  void rangesCoverEveryColumnOnceInOrderAndNeverEmpty() {
    for (int n = 1; n <= 30; n++) {
      DataType[] types = new DataType[n];
      for (int c = 0; c < n; c++) {
        types[c] = List.of(DataType.INT64, DataType.FLOAT64, DataType.STRING, DataType.BOOL, DataType.TIMESTAMP)
            .get((c * 7 + n) % 5);
      }
      for (int groups = 1; groups <= 12; groups++) {
        int[] bounds = ArrowParquetWriter.groupBounds(columns(types), groups);
        assertEquals(0, bounds[0]);
        assertEquals(n, bounds[bounds.length - 1]);
        assertTrue(bounds.length - 1 <= Math.min(groups, n), n + " columns in " + groups + " groups");
        for (int g = 1; g < bounds.length; g++) {
          assertTrue(bounds[g] > bounds[g - 1], "range " + g + " of " + n + " columns is empty");
        }
      }
    }
  }

  @Test
  void costlyColumnsGetRangesOfTheirOwn() {
    // Key and time, seven float64, two int64, a string: the benchmark's training set.
    List<Column> columns = columns(DataType.INT64, DataType.TIMESTAMP, DataType.FLOAT64, DataType.FLOAT64,
        DataType.FLOAT64, DataType.FLOAT64, DataType.FLOAT64, DataType.FLOAT64, DataType.FLOAT64, DataType.INT64,
        DataType.INT64, DataType.STRING);
    assertArrayEquals(new int[] {0, 1, 3, 5, 8, 10, 11, 12}, ArrowParquetWriter.groupBounds(columns, 8));
    assertArrayEquals(new int[] {0, 8, 12}, ArrowParquetWriter.groupBounds(columns, 2));
  }
}
