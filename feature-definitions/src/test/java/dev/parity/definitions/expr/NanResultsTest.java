package dev.parity.definitions.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.DataType;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;

/**
 * NaN sign bits are not portable across JIT tiers (the differential test once saw
 * {@code NaN * -NaN} give 0x7ff8... row-wise and 0xfff8... vectorized), so both paths return the
 * canonical quiet NaN for every NaN result.
 */
class NanResultsTest {
  private static final long CANONICAL = Double.doubleToRawLongBits(Double.NaN);
  private static final double NEGATIVE_NAN = Double.longBitsToDouble(0xfff8000000000000L);
  private static final double PAYLOAD_NAN = Double.longBitsToDouble(0x7ff0000000000123L);

  @Test
  void everyNanResultIsTheCanonicalQuietNanOnBothPaths() {
    for (String source : List.of("y", "y * -y", "(y + 1.0) * -y", "-y", "coalesce(y, 0.0)", "max(y, 1.0)")) {
      CompiledExpression expression = Expressions.compile(source, Scope.of(Map.of("y", DataType.FLOAT64)));
      for (double input : new double[] {NEGATIVE_NAN, PAYLOAD_NAN, Double.NaN}) {
        Object row = expression.evaluateRow(new Object[] {input});
        assertThat(Double.doubleToRawLongBits((Double) row)).as(source + " row-wise").isEqualTo(CANONICAL);
        try (BufferAllocator allocator = new RootAllocator();
            Float8Vector y = new Float8Vector("y", allocator)) {
          y.allocateNew(3);
          for (int i = 0; i < 3; i++) {
            y.set(i, input);
          }
          y.setValueCount(3);
          try (FieldVector result = expression.evaluateVectors(List.of(y), 3, allocator)) {
            for (int i = 0; i < 3; i++) {
              long bits = result.getDataBuffer().getLong((long) i * Double.BYTES);
              assertThat(bits).as(source + " vectorized").isEqualTo(CANONICAL);
            }
          }
        }
      }
    }
  }
}
