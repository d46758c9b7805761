package dev.parity.offline.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parity.definitions.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.parity.offline.TestAllocator;

class PartitionerTest {
  /** The key first, then a column of each type. */
  private static final List<DataType> TYPES =
      List.of(DataType.INT64, DataType.FLOAT64, DataType.TIMESTAMP, DataType.STRING, DataType.BOOL, DataType.INT64);

  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();

  /**
   * Cell {@code (row, column)} of batch {@code b}: nulls in every column (keys too), NaN and -0.0;
   * the last column has nulls in the first batch only (a column without nulls takes another path).
   */
  private static Object value(int b, int row, int column) {
    int r = b * 10_000 + row;
    if ((r + 3 * column) % 11 == 0 && (column < 5 || b == 0)) {
      return null;
    }
    return switch (column) {
      case 0 -> (long) (r * 7919 % 97);
      case 1 -> r % 17 == 0 ? Double.NaN : r % 19 == 0 ? -0.0 : r * 1.5;
      case 2 -> 1_700_000_000_000_000L + r * 1_000L;
      case 3 -> "s" + r % 23 + "é".repeat(r % 4);
      case 4 -> r % 2 == 0;
      default -> Long.MIN_VALUE + r;
    };
  }

  private Schema schema() {
    List<Field> fields = new ArrayList<>();
    for (int c = 0; c < TYPES.size(); c++) {
      try (FieldVector v = Vectors.create("c" + c, TYPES.get(c), allocator)) {
        fields.add(v.getField());
      }
    }
    return new Schema(fields);
  }

  /**
   * Every selected row is spilled, once, into the partition {@code partitionsOf} gives its key,
   * with every cell as it was and in its batch order; rows left out of the selection are not.
   */
  @Test
  void spillsEachSelectedRowWholeIntoItsKeysPartitionInOrder() {
    int partitions = 7;
    int[] sizes = {3_000, 1, 4_321};
    // expected[p]: the rows of partition p, in spill order, as lists of cells
    List<List<List<Object>>> expected = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      expected.add(new ArrayList<>());
    }
    try (Partitioner partitioner = new Partitioner(dir, "t", schema(), 0, 1, partitions, allocator)) {
      for (int b = 0; b < sizes.length; b++) {
        int n = sizes[b];
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema(), allocator)) {
          for (int c = 0; c < TYPES.size(); c++) {
            FieldVector v = batch.getVector(c);
            v.setInitialCapacity(n);
            v.allocateNew();
            for (int r = 0; r < n; r++) {
              Vectors.setSafe(v, r, value(b, r, c));
            }
            v.setValueCount(n);
          }
          batch.setRowCount(n);
          // Every third row left out, and the batch's last rows too.
          int[] selection = new int[n];
          int count = 0;
          for (int r = 0; r < n - n / 10; r++) {
            if (r % 3 != 1) {
              selection[count++] = r;
            }
          }
          int[] partitionOf = Partitioner.partitionsOf(List.of(batch.getVector(0)), selection, count, n, partitions);
          for (int i = 0; i < count; i++) {
            List<Object> cells = new ArrayList<>();
            for (int c = 0; c < TYPES.size(); c++) {
              cells.add(value(b, selection[i], c));
            }
            expected.get(partitionOf[i]).add(cells);
          }
          partitioner.add(batch, selection, count);
        }
      }
    }
    int total = 0;
    for (int p = 0; p < partitions; p++) {
      try (VectorSchemaRoot spilled = SpillFile.readAll(Partitioner.file(dir, "t", p), schema(), allocator)) {
        List<List<Object>> actual = new ArrayList<>();
        for (int r = 0; r < spilled.getRowCount(); r++) {
          List<Object> cells = new ArrayList<>();
          for (int c = 0; c < TYPES.size(); c++) {
            cells.add(Vectors.get(spilled.getVector(c), r));
          }
          actual.add(cells);
        }
        assertEquals(expected.get(p), actual, "partition " + p);
        total += actual.size();
      }
    }
    assertEquals(true, total > 4_000, total + " rows spilled");
  }
}
