package dev.parity.offline.engine;

import dev.parity.definitions.DataType;
import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes declared defaults into join results: the one place the offline path applies them, for
 * training sets and materialization alike (both read {@link PointInTimeJoin}'s results).
 */
final class DefaultFill {
  private DefaultFill() {}

  /**
   * @throws IllegalArgumentException if {@code value} is not a value of {@code type} as the engine
   *     writes them
   */
  static void requireType(String feature, DataType type, Object value) {
    if (!type.holds(value)) {
      throw new IllegalArgumentException("default of " + feature + " (" + value + ", a " + value.getClass().getSimpleName()
          + ") is not a value of its type " + type);
    }
  }

  /**
   * Sets the rows {@code i < n} of {@code vector} for which {@code fill} holds to {@code value}.
   * The vector's value count must already be {@code n}. A string vector is rebuilt in row order
   * (variable-width vectors cannot be written out of order) and its buffers moved back into it.
   */
  static void fill(FieldVector vector, int n, Object value, IntPredicate fill, BufferAllocator allocator) {
    if (vector instanceof VarCharVector strings) {
      fillStrings(strings, n, ((String) value).getBytes(StandardCharsets.UTF_8), fill, allocator);
      return;
    }
    for (int i = 0; i < n; i++) {
      if (fill.test(i)) {
        Vectors.setSafe(vector, i, value);
      }
    }
  }

  private static void fillStrings(VarCharVector vector, int n, byte[] value, IntPredicate fill, BufferAllocator allocator) {
    boolean any = false;
    for (int i = 0; i < n && !any; i++) {
      any = fill.test(i);
    }
    if (!any) {
      return;
    }
    try (VarCharVector rebuilt = (VarCharVector) vector.getField().createVector(allocator)) {
      rebuilt.allocateNew(n);
      for (int i = 0; i < n; i++) {
        if (fill.test(i)) {
          rebuilt.setSafe(i, value);
        } else if (vector.isNull(i)) {
          rebuilt.setNull(i);
        } else {
          rebuilt.setSafe(i, vector.get(i));
        }
      }
      rebuilt.setValueCount(n);
      rebuilt.makeTransferPair(vector).transfer();
    }
  }
}
