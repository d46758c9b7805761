package dev.parity.offline.spark;

import dev.parity.definitions.DataType;
import dev.parity.definitions.expr.CompiledExpression;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Moves values between Spark rows and the Arrow vectors the compiled evaluator reads and writes:
 * {@code Boolean}, {@code Long} (int64 and timestamps in UTC microseconds), {@code Double},
 * {@code String}, or null.
 */
final class ArrowBatch {
  private ArrowBatch() {}

  /**
   * Evaluates {@code e} over {@code n} rows with feature-definitions' vectorized evaluator: {@code
   * inputs.get(i)[0..n)} are the values of its i-th input. Returns the {@code n} results.
   */
  static Object[] evaluate(CompiledExpression e, List<Object[]> inputs, int n, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>();
    try {
      for (int i = 0; i < inputs.size(); i++) {
        vectors.add(vector(e.inputs().get(i), e.inputTypes().get(i), inputs.get(i), n, allocator));
      }
      try (FieldVector result = e.evaluateVectors(vectors, n, allocator)) {
        Object[] values = new Object[n];
        for (int r = 0; r < n; r++) {
          values[r] = get(result, e.type(), r);
        }
        return values;
      }
    } finally {
      vectors.forEach(FieldVector::close);
    }
  }

  /** A new vector of {@code type} holding {@code values[0..n)}. */
  static FieldVector vector(String name, DataType type, Object[] values, int n, BufferAllocator allocator) {
    FieldVector vector = switch (type) {
      case BOOL -> new BitVector(name, allocator);
      case INT64 -> new BigIntVector(name, allocator);
      case FLOAT64 -> new Float8Vector(name, allocator);
      case STRING -> new VarCharVector(name, allocator);
      case TIMESTAMP -> new TimeStampMicroTZVector(name, allocator, "UTC");
    };
    try {
      vector.setInitialCapacity(n);
      vector.allocateNew();
      for (int i = 0; i < n; i++) {
        Object v = values[i];
        if (v == null) {
          vector.setNull(i);
          continue;
        }
        switch (type) {
          case BOOL -> ((BitVector) vector).setSafe(i, (Boolean) v ? 1 : 0);
          case INT64 -> ((BigIntVector) vector).setSafe(i, (Long) v);
          case FLOAT64 -> ((Float8Vector) vector).setSafe(i, (Double) v);
          case STRING -> ((VarCharVector) vector).setSafe(i, ((String) v).getBytes(StandardCharsets.UTF_8));
          case TIMESTAMP -> ((TimeStampMicroTZVector) vector).setSafe(i, (Long) v);
        }
      }
      vector.setValueCount(n);
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }

  /** The value of row {@code i} of {@code vector} (of {@code type}), or null. */
  static Object get(FieldVector vector, DataType type, int i) {
    if (vector.isNull(i)) {
      return null;
    }
    return switch (type) {
      case BOOL -> ((BitVector) vector).get(i) != 0;
      case INT64 -> ((BigIntVector) vector).get(i);
      case FLOAT64 -> ((Float8Vector) vector).get(i);
      case STRING -> new String(((VarCharVector) vector).get(i), StandardCharsets.UTF_8);
      case TIMESTAMP -> ((TimeStampMicroTZVector) vector).get(i);
    };
  }
}
