package dev.parity.definitions.expr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parity.definitions.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;

/** Shared test scope, Arrow builders and a both-paths evaluator. */
final class ExprTestSupport {
  /** Columns every test may use: i, j int64; x, y float64; s, t string; b, c bool; ts, ts2 timestamp; v.f float64. */
  static final Map<String, DataType> COLUMNS = columns();

  static final Scope SCOPE = Scope.of(COLUMNS);

  private ExprTestSupport() {}

  private static Map<String, DataType> columns() {
    Map<String, DataType> m = new LinkedHashMap<>();
    m.put("i", DataType.INT64);
    m.put("j", DataType.INT64);
    m.put("x", DataType.FLOAT64);
    m.put("y", DataType.FLOAT64);
    m.put("s", DataType.STRING);
    m.put("t", DataType.STRING);
    m.put("b", DataType.BOOL);
    m.put("c", DataType.BOOL);
    m.put("ts", DataType.TIMESTAMP);
    m.put("ts2", DataType.TIMESTAMP);
    m.put("v.f", DataType.FLOAT64);
    return m;
  }

  /** Name/value pairs as a map; values may be null. */
  static Map<String, Object> values(Object... nameValue) {
    Map<String, Object> m = new HashMap<>();
    for (int k = 0; k < nameValue.length; k += 2) {
      m.put((String) nameValue[k], nameValue[k + 1]);
    }
    return m;
  }

  /**
   * Evaluates {@code expr} on one row, row-wise and vectorized, asserts both agree bit for bit,
   * and returns the row-wise result.
   */
  static Object eval(String expr, Object... nameValue) {
    CompiledExpression e = Expressions.compile(expr, SCOPE);
    Map<String, Object> vals = values(nameValue);
    Object[] row = new Object[e.inputs().size()];
    for (int k = 0; k < row.length; k++) {
      row[k] = vals.get(e.inputs().get(k));
    }
    Object rowResult = e.evaluateRow(row);
    try (BufferAllocator allocator = new RootAllocator()) {
      List<FieldVector> inputs = new ArrayList<>();
      try {
        for (int k = 0; k < row.length; k++) {
          inputs.add(vector(e.inputTypes().get(k), e.inputs().get(k), Collections.singletonList(row[k]), allocator));
        }
        try (FieldVector out = e.evaluateVectors(inputs, 1, allocator)) {
          assertThat(key(get(out, 0))).as("vectorized result of %s", expr).isEqualTo(key(rowResult));
        }
      } finally {
        inputs.forEach(FieldVector::close);
      }
    }
    return rowResult;
  }

  /** A comparable identity of a value: doubles by raw bits, so NaN and -0.0 compare exactly. */
  static Object key(Object v) {
    if (v instanceof Double d) {
      return "double:" + Long.toHexString(Double.doubleToRawLongBits(d));
    }
    return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
  }

  static FieldVector vector(DataType type, String name, List<Object> values, BufferAllocator allocator) {
    int n = values.size();
    switch (type) {
      case BOOL:
        {
          BitVector v = new BitVector(name, allocator);
          v.allocateNew(n);
          for (int i = 0; i < n; i++) {
            if (values.get(i) == null) {
              v.setNull(i);
            } else {
              v.set(i, (Boolean) values.get(i) ? 1 : 0);
            }
          }
          v.setValueCount(n);
          return v;
        }
      case INT64:
        {
          BigIntVector v = new BigIntVector(name, allocator);
          v.allocateNew(n);
          for (int i = 0; i < n; i++) {
            if (values.get(i) == null) {
              v.setNull(i);
            } else {
              v.set(i, (Long) values.get(i));
            }
          }
          v.setValueCount(n);
          return v;
        }
      case TIMESTAMP:
        {
          TimeStampMicroTZVector v = new TimeStampMicroTZVector(name, allocator, "UTC");
          v.allocateNew(n);
          for (int i = 0; i < n; i++) {
            if (values.get(i) == null) {
              v.setNull(i);
            } else {
              v.set(i, (Long) values.get(i));
            }
          }
          v.setValueCount(n);
          return v;
        }
      case FLOAT64:
        {
          Float8Vector v = new Float8Vector(name, allocator);
          v.allocateNew(n);
          for (int i = 0; i < n; i++) {
            if (values.get(i) == null) {
              v.setNull(i);
            } else {
              v.set(i, (Double) values.get(i));
            }
          }
          v.setValueCount(n);
          return v;
        }
      default:
        {
          VarCharVector v = new VarCharVector(name, allocator);
          v.allocateNew(Math.max(1, n * 8L), n);
          for (int i = 0; i < n; i++) {
            if (values.get(i) == null) {
              v.setNull(i);
            } else {
              v.setSafe(i, ((String) values.get(i)).getBytes(UTF_8));
            }
          }
          v.setValueCount(n);
          return v;
        }
    }
  }

  /** Row {@code i} of a result vector in the row representation. */
  static Object get(FieldVector v, int i) {
    if (v.isNull(i)) {
      return null;
    }
    if (v instanceof BitVector bit) {
      return bit.get(i) != 0;
    }
    if (v instanceof BigIntVector big) {
      return big.get(i);
    }
    if (v instanceof TimeStampMicroTZVector tsv) {
      assertThat(((org.apache.arrow.vector.types.pojo.ArrowType.Timestamp) tsv.getField().getType()).getTimezone()).isEqualTo("UTC");
      return tsv.get(i);
    }
    if (v instanceof Float8Vector f) {
      return f.get(i);
    }
    return new String(((VarCharVector) Objects.requireNonNull(v)).get(i), UTF_8);
  }
}
