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

class SpillFileTest {
  private static final List<DataType> TYPES =
      List.of(DataType.INT64, DataType.FLOAT64, DataType.STRING, DataType.BOOL, DataType.TIMESTAMP);

  @TempDir Path dir;
  @RegisterExtension final TestAllocator allocator = new TestAllocator();

  /** Cell {@code (row, column)} of the rows spilled below: every 5th null, strings of varying length. */
  private static Object value(int row, int column) {
    if ((row + column) % 5 == 0) {
      return null;
    }
    return switch (TYPES.get(column)) {
      case INT64 -> row * 31L - 9;
      case FLOAT64 -> row / 4.0;
      case STRING -> "v" + "x".repeat(row % 13) + row;
      case BOOL -> row % 3 == 0;
      default -> 1_700_000_000_000_000L + row;
    };
  }

  private Schema schema() {
    List<Field> fields = new ArrayList<>();
    for (DataType type : TYPES) {
      try (FieldVector v = Vectors.create(type.name().toLowerCase(), type, allocator)) {
        fields.add(v.getField());
      }
    }
    return new Schema(fields);
  }

  /** Appends rows {@code [from, from + count)} to {@code file} as one batch. */
  private void append(SpillFile file, int from, int count) {
    try (VectorSchemaRoot batch = VectorSchemaRoot.create(schema(), allocator)) {
      batch.allocateNew();
      for (int c = 0; c < TYPES.size(); c++) {
        for (int i = 0; i < count; i++) {
          Vectors.setSafe(batch.getVector(c), i, value(from + i, c));
        }
        batch.getVector(c).setValueCount(count);
      }
      batch.setRowCount(count);
      file.append(batch);
    }
  }

  @Test
  void readsEveryBatchOfSeveralFilesInOrderSkippingMissingAndEmptyOnes() {
    // Uneven batches across three files, one of them empty, and a path that does not exist.
    int[][] batches = {{0, 1}, {1, 700}, {701, 3}, {704, 2_048}, {2_752, 5}};
    Path a = dir.resolve("a.arrow");
    Path b = dir.resolve("b.arrow");
    Path empty = dir.resolve("empty.arrow");
    try (SpillFile fa = new SpillFile(a, schema(), allocator);
        SpillFile fb = new SpillFile(b, schema(), allocator);
        SpillFile fe = new SpillFile(empty, schema(), allocator)) {
      append(fa, batches[0][0], batches[0][1]);
      append(fa, batches[1][0], batches[1][1]);
      append(fb, batches[2][0], batches[2][1]);
      append(fb, batches[3][0], batches[3][1]);
      append(fb, batches[4][0], batches[4][1]);
    }
    int rows = 2_757;
    try (VectorSchemaRoot all = SpillFile.readAll(List.of(a, dir.resolve("missing.arrow"), empty, b), schema(),
        allocator)) {
      assertEquals(rows, all.getRowCount());
      for (int c = 0; c < TYPES.size(); c++) {
        assertEquals(rows, all.getVector(c).getValueCount());
        for (int r = 0; r < rows; r++) {
          assertEquals(value(r, c), Vectors.get(all.getVector(c), r), "row " + r + " column " + TYPES.get(c));
        }
      }
    }
  }

  /** copyBits against a bit-by-bit copy: every start bit within a byte, lengths across byte ends. */
  @Test
  void copiedBitsLandAtAnyBitOffsetWithoutTouchingTheirNeighbours() {
    java.util.Random random = new java.util.Random(7);
    for (int at = 0; at < 24; at++) {
      for (int n = 1; n <= 40; n++) {
        byte[] source = new byte[8];
        random.nextBytes(source); // bits past n are set too: they must not be copied
        byte[] before = new byte[12];
        for (int i = 0; i < at; i++) {
          if (random.nextBoolean()) {
            before[i >>> 3] |= (byte) (1 << (i & 7));
          }
        }
        byte[] expected = before.clone();
        for (int i = 0; i < n; i++) {
          if ((source[i >>> 3] & (1 << (i & 7))) != 0) {
            expected[(at + i) >>> 3] |= (byte) (1 << ((at + i) & 7));
          }
        }
        try (org.apache.arrow.memory.ArrowBuf from = allocator.buffer(8);
            org.apache.arrow.memory.ArrowBuf to = allocator.buffer(12)) {
          from.setBytes(0, source);
          to.setBytes(0, before);
          SpillFile.copyBits(from, to, at, n);
          byte[] got = new byte[12];
          to.getBytes(0, got);
          org.junit.jupiter.api.Assertions.assertArrayEquals(expected, got, "at " + at + ", " + n + " bits");
        }
      }
    }
  }

  @Test
  void readsNothingAsAnEmptyRootThatCanBeAppendedTo() {
    try (VectorSchemaRoot none = SpillFile.readAll(dir.resolve("missing.arrow"), schema(), allocator);
        VectorSchemaRoot more = SpillFile.readAll(List.of(), schema(), allocator)) {
      assertEquals(0, none.getRowCount());
      org.apache.arrow.vector.util.VectorSchemaRootAppender.append(false, none, more);
      assertEquals(0, none.getRowCount());
    }
  }
}
