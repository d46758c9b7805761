package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;

/** Copies Arrow vectors into {@link Vec} columns and a result column back into a new Arrow vector. */
final class ArrowColumns {
  private ArrowColumns() {}

  static Vec read(FieldVector vector, DataType type, int n, String name) {
    if (vector == null) {
      throw new IllegalArgumentException("input '" + name + "' is null");
    }
    if (vector.getValueCount() < n) {
      throw new IllegalArgumentException(
          "input '" + name + "' has " + vector.getValueCount() + " values, fewer than rowCount " + n);
    }
    switch (type) {
      case BOOL:
        {
          BitVector v = cast(vector, BitVector.class, type, name);
          Vec out = Vec.bools(n);
          for (int i = 0; i < n; i++) {
            out.nulls[i] = v.isNull(i);
            out.bools[i] = !out.nulls[i] && v.get(i) != 0;
          }
          return out;
        }
      case INT64:
        return readLongs(cast(vector, BigIntVector.class, type, name), n);
      case TIMESTAMP:
        if (!(vector instanceof TimeStampMicroTZVector) && !(vector instanceof TimeStampMicroVector)) {
          throw mismatch(vector, type, name, "TimeStampMicroTZVector");
        }
        return readLongs(vector, n);
      case FLOAT64:
        {
          Float8Vector v = cast(vector, Float8Vector.class, type, name);
          Vec out = Vec.doubles(n);
          ArrowBuf data = v.getDataBuffer();
          for (int i = 0; i < n; i++) {
            out.nulls[i] = v.isNull(i);
            out.doubles[i] = out.nulls[i] ? 0 : data.getDouble((long) i * Float8Vector.TYPE_WIDTH);
          }
          return out;
        }
      default:
        {
          VarCharVector v = cast(vector, VarCharVector.class, type, name);
          Vec out = Vec.strings(n);
          ArrowBuf offsets = v.getOffsetBuffer();
          int base = n == 0 ? 0 : offsets.getInt(0);
          int end = n == 0 ? 0 : offsets.getInt((long) n * VarCharVector.OFFSET_WIDTH);
          byte[] bytes = new byte[end - base];
          v.getDataBuffer().getBytes(base, bytes, 0, bytes.length);
          for (int i = 0; i < n; i++) {
            out.nulls[i] = v.isNull(i);
            out.offsets[i + 1] = offsets.getInt((long) (i + 1) * VarCharVector.OFFSET_WIDTH) - base;
          }
          out.bytes = bytes;
          return out;
        }
    }
  }

  private static Vec readLongs(FieldVector v, int n) {
    Vec out = Vec.longs(n);
    ArrowBuf data = v.getDataBuffer();
    for (int i = 0; i < n; i++) {
      out.nulls[i] = v.isNull(i);
      out.longs[i] = out.nulls[i] ? 0 : data.getLong((long) i * Long.BYTES);
    }
    return out;
  }

  private static <T> T cast(FieldVector v, Class<T> expected, DataType type, String name) {
    if (!expected.isInstance(v)) {
      throw mismatch(v, type, name, expected.getSimpleName());
    }
    return expected.cast(v);
  }

  private static IllegalArgumentException mismatch(FieldVector v, DataType type, String name, String expected) {
    return new IllegalArgumentException(
        "input '" + name + "' is " + type + " and needs a " + expected + ", got " + v.getClass().getSimpleName());
  }

  /** A new vector named {@code name} holding {@code v}; closed again if filling it fails. */
  static FieldVector write(Vec v, DataType type, int n, BufferAllocator allocator, String name) {
    FieldVector out;
    switch (type) {
      case BOOL:
        out = new BitVector(name, allocator);
        break;
      case INT64:
        out = new BigIntVector(name, allocator);
        break;
      case FLOAT64:
        out = new Float8Vector(name, allocator);
        break;
      case TIMESTAMP:
        out = new TimeStampMicroTZVector(name, allocator, "UTC");
        break;
      default:
        out = new VarCharVector(name, allocator);
        break;
    }
    try {
      fill(out, v, type, n);
      return out;
    } catch (RuntimeException | Error e) {
      out.close();
      throw e;
    }
  }

  private static void fill(FieldVector out, Vec v, DataType type, int n) {
    switch (type) {
      case BOOL:
        {
          BitVector o = (BitVector) out;
          o.allocateNew(n);
          for (int i = 0; i < n; i++) {
            if (v.nulls[i]) {
              o.setNull(i);
            } else {
              o.set(i, v.bools[i] ? 1 : 0);
            }
          }
          break;
        }
      case INT64:
        {
          BigIntVector o = (BigIntVector) out;
          o.allocateNew(n);
          for (int i = 0; i < n; i++) {
            if (v.nulls[i]) {
              o.setNull(i);
            } else {
              o.set(i, v.longs[i]);
            }
          }
          break;
        }
      case TIMESTAMP:
        {
          TimeStampMicroTZVector o = (TimeStampMicroTZVector) out;
          o.allocateNew(n);
          for (int i = 0; i < n; i++) {
            if (v.nulls[i]) {
              o.setNull(i);
            } else {
              o.set(i, v.longs[i]);
            }
          }
          break;
        }
      case FLOAT64:
        {
          Float8Vector o = (Float8Vector) out;
          o.allocateNew(n);
          for (int i = 0; i < n; i++) {
            if (v.nulls[i]) {
              o.setNull(i);
            } else {
              o.set(i, v.doubles[i]);
            }
          }
          break;
        }
      default:
        {
          VarCharVector o = (VarCharVector) out;
          o.allocateNew(Math.max(1, v.offsets[n] - v.offsets[0]), n);
          for (int i = 0; i < n; i++) {
            if (v.nulls[i]) {
              o.setNull(i);
            } else {
              o.setSafe(i, v.bytes, v.start(i), v.len(i));
            }
          }
          break;
        }
    }
    out.setValueCount(n);
  }
}
