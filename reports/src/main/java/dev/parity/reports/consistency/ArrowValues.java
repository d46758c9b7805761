package dev.parity.reports.consistency;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;

/** Reads one value of a vector the offline scanner produced, as the online path represents it. */
final class ArrowValues {
  private ArrowValues() {}

  /**
   * {@code Boolean}, {@code Long}, {@code Double}, {@code String}, or {@code Long} microseconds for
   * a timestamp; null for a null slot.
   */
  static Object get(FieldVector vector, int index) {
    if (vector.isNull(index)) {
      return null;
    }
    if (vector instanceof BitVector bits) {
      return bits.get(index) != 0;
    } else if (vector instanceof BigIntVector longs) {
      return longs.get(index);
    } else if (vector instanceof Float8Vector doubles) {
      return doubles.get(index);
    } else if (vector instanceof VarCharVector strings) {
      return new String(strings.get(index), StandardCharsets.UTF_8);
    } else if (vector instanceof TimeStampVector times) {
      return times.get(index);
    }
    throw new IllegalArgumentException("unexpected vector " + vector.getField());
  }
}
