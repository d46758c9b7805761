package dev.parity.definitions.expr;

import dev.parity.definitions.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
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
          readValidity(v, out.nulls, n);
          byte[] bits = bitmap(v.getDataBuffer(), n);
          for (int i = 0; i < n; i++) {
            out.bools[i] = !out.nulls[i] && (bits[i >> 3] & (1 << (i & 7))) != 0;
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
          readValidity(v, out.nulls, n);
          if (n > 0) {
            v.getDataBuffer().nioBuffer(0, n * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out.doubles, 0, n);
          }
          for (int i = 0; i < n; i++) {
            if (out.nulls[i]) {
              out.doubles[i] = 0; // null slots hold arbitrary bits in Arrow; ours hold zero
            }
          }
          return out;
        }
      default:
        {
          VarCharVector v = cast(vector, VarCharVector.class, type, name);
          Vec out = Vec.strings(n);
          if (n == 0) {
            out.bytes = new byte[0]; // an empty vector may have no offset buffer at all
            return out;
          }
          ArrowBuf offsets = v.getOffsetBuffer();
          int base = offsets.getInt(0);
          int end = offsets.getInt((long) n * VarCharVector.OFFSET_WIDTH);
          byte[] bytes = new byte[end - base];
          v.getDataBuffer().getBytes(base, bytes, 0, bytes.length);
          readValidity(v, out.nulls, n);
          offsets.nioBuffer(0, (n + 1) * VarCharVector.OFFSET_WIDTH).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out.offsets, 0, n + 1);
          if (base != 0) {
            for (int i = 0; i <= n; i++) {
              out.offsets[i] -= base;
            }
          }
          out.bytes = bytes;
          return out;
        }
    }
  }

  private static Vec readLongs(FieldVector v, int n) {
    Vec out = Vec.longs(n);
    readValidity(v, out.nulls, n);
    if (n > 0) {
      v.getDataBuffer().nioBuffer(0, n * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out.longs, 0, n);
    }
    for (int i = 0; i < n; i++) {
      if (out.nulls[i]) {
        out.longs[i] = 0;
      }
    }
    return out;
  }

  private static byte[] bitmap(ArrowBuf buf, int n) {
    byte[] bits = new byte[(n + 7) >> 3];
    buf.getBytes(0, bits, 0, bits.length);
    return bits;
  }

  private static void readValidity(FieldVector v, boolean[] nulls, int n) {
    if (v.getNullCount() == 0) {
      return;
    }
    byte[] bits = bitmap(v.getValidityBuffer(), n);
    for (int i = 0; i < n; i++) {
      nulls[i] = (bits[i >> 3] & (1 << (i & 7))) == 0;
    }
  }

  private static void writeValidity(FieldVector v, boolean[] nulls, int n) {
    byte[] bits = new byte[(n + 7) >> 3];
    for (int i = 0; i < n; i++) {
      if (!nulls[i]) {
        bits[i >> 3] |= (byte) (1 << (i & 7));
      }
    }
    v.getValidityBuffer().setBytes(0, bits, 0, bits.length);
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

  /** Bulk copies into freshly allocated buffers; null slots are written as zero. */
  private static void fill(FieldVector out, Vec v, DataType type, int n) {
    switch (type) {
      case BOOL:
        {
          BitVector o = (BitVector) out;
          o.allocateNew(n);
          byte[] bits = new byte[(n + 7) >> 3];
          for (int i = 0; i < n; i++) {
            if (v.bools[i] && !v.nulls[i]) {
              bits[i >> 3] |= (byte) (1 << (i & 7));
            }
          }
          o.getDataBuffer().setBytes(0, bits, 0, bits.length);
          break;
        }
      case INT64:
      case TIMESTAMP:
        ((BaseFixedWidthVector) out).allocateNew(n);
        if (n > 0) {
          out.getDataBuffer().nioBuffer(0, n * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(v.longs, 0, n);
        }
        break;
      case FLOAT64:
        ((BaseFixedWidthVector) out).allocateNew(n);
        if (n > 0) {
          // Which operand's NaN an x86 instruction propagates (and so its sign bit) depends on how
          // the JIT compiled the loop, so NaN results could differ from the row path bit for bit.
          // Every NaN result is the canonical quiet NaN, on both paths.
          double[] doubles = v.doubles;
          for (int i = 0; i < n; i++) {
            if (doubles[i] != doubles[i]) {
              if (doubles == v.doubles) {
                doubles = Arrays.copyOf(v.doubles, n);
              }
              doubles[i] = Double.NaN;
            }
          }
          out.getDataBuffer().nioBuffer(0, n * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(doubles, 0, n);
        }
        break;
      default:
        {
          VarCharVector o = (VarCharVector) out;
          int base = v.offsets[0];
          int total = v.offsets[n] - base;
          o.allocateNew(Math.max(1, total), n);
          o.getDataBuffer().setBytes(0, v.bytes, base, total);
          ByteBuffer offsets = o.getOffsetBuffer().nioBuffer(0, (n + 1) * VarCharVector.OFFSET_WIDTH).order(ByteOrder.LITTLE_ENDIAN);
          for (int i = 0; i <= n; i++) {
            offsets.putInt(i * VarCharVector.OFFSET_WIDTH, v.offsets[i] - base);
          }
          o.setLastSet(n - 1);
          break;
        }
    }
    writeValidity(out, v.nulls, n);
    out.setValueCount(n);
  }
}
