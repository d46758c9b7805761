package dev.parity.reports.skew;

import dev.parity.definitions.DataType;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * Profile of a string or bool column (bools as the categories {@code "true"} and {@code
 * "false"}): counts per category in a frequent-items sketch (Misra-Gries with reverse purging,
 * Apache DataSketches), exact while it holds fewer than three quarters of its map size in distinct
 * values, and afterwards over-counting no category by more than {@link #countError()}.
 */
final class CategoricalProfile implements ColumnProfile {
  private final DataType type;
  private final ItemsSketch<String> sketch;
  private long rows;
  private long nulls;
  private byte[] bytes = new byte[64];

  CategoricalProfile(DataType type, int maxMapSize) {
    if (type != DataType.STRING && type != DataType.BOOL) {
      throw new IllegalArgumentException("not a categorical type: " + type);
    }
    this.type = type;
    this.sketch = new ItemsSketch<>(maxMapSize);
  }

  @Override
  public void add(FieldVector vector, int n, int[] selected) {
    rows += n;
    if (type == DataType.BOOL) {
      BitVector bits = (BitVector) vector;
      long trues = 0;
      long falses = 0;
      for (int i = 0; i < n; i++) {
        int row = selected == null ? i : selected[i];
        if (bits.isNull(row)) {
          nulls++;
        } else if (bits.get(row) != 0) {
          trues++;
        } else {
          falses++;
        }
      }
      if (trues > 0) {
        sketch.update("true", trues);
      }
      if (falses > 0) {
        sketch.update("false", falses);
      }
      return;
    }
    VarCharVector strings = (VarCharVector) vector;
    ArrowBuf offsets = strings.getOffsetBuffer();
    ArrowBuf data = strings.getDataBuffer();
    for (int i = 0; i < n; i++) {
      int row = selected == null ? i : selected[i];
      if (strings.isNull(row)) {
        nulls++;
        continue;
      }
      // Decoded from the data buffer through one reused array: a copy less than VarCharVector.get.
      int start = offsets.getInt((long) row * VarCharVector.OFFSET_WIDTH);
      int length = offsets.getInt((long) (row + 1) * VarCharVector.OFFSET_WIDTH) - start;
      if (bytes.length < length) {
        bytes = new byte[Math.max(length, 2 * bytes.length)];
      }
      data.getBytes(start, bytes, 0, length);
      sketch.update(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void merge(ColumnProfile other) {
    CategoricalProfile o = (CategoricalProfile) other;
    rows += o.rows;
    nulls += o.nulls;
    sketch.merge(o.sketch);
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public long missing() {
    return nulls;
  }

  /** Rows with a value. */
  long present() {
    return rows - nulls;
  }

  /** Estimated rows holding {@code category} (exact while {@link #exact()}). */
  long count(String category) {
    return sketch.getEstimate(category);
  }

  /** Every category the sketch may have seen more often than its error, with estimated counts. */
  ItemsSketch.Row<String>[] categories() {
    return sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
  }

  /** Categories seen: exact while {@link #exact()}, then a lower bound. */
  int distinct() {
    return sketch.getNumActiveItems();
  }

  /** Largest over-count of {@link #count} (0 while exact). */
  long countError() {
    return sketch.getMaximumError();
  }

  @Override
  public boolean exact() {
    return sketch.getMaximumError() == 0;
  }
}
