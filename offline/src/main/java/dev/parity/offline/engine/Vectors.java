package dev.parity.offline.engine;

import dev.parity.definitions.DataType;
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
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.util.TransferPair;

/** The Arrow vector of each Parity type (the ones the expression evaluator uses), and helpers. */
final class Vectors {
  private Vectors() {}

  static Field field(String name, DataType type) {
    return new Field(name, FieldType.nullable(arrowType(type)), null);
  }

  static ArrowType arrowType(DataType type) {
    switch (type) {
      case BOOL:
        return ArrowType.Bool.INSTANCE;
      case INT64:
        return new ArrowType.Int(64, true);
      case FLOAT64:
        return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case STRING:
        return ArrowType.Utf8.INSTANCE;
      case TIMESTAMP:
        return new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
      default:
        throw new IllegalArgumentException("no Arrow type for " + type);
    }
  }

  static FieldVector create(String name, DataType type, BufferAllocator allocator) {
    return field(name, type).createVector(allocator);
  }

  static DataType typeOf(FieldVector vector) {
    if (vector instanceof BitVector) {
      return DataType.BOOL;
    } else if (vector instanceof BigIntVector) {
      return DataType.INT64;
    } else if (vector instanceof Float8Vector) {
      return DataType.FLOAT64;
    } else if (vector instanceof VarCharVector) {
      return DataType.STRING;
    } else if (vector instanceof TimeStampMicroTZVector) {
      return DataType.TIMESTAMP;
    }
    throw new IllegalArgumentException("unexpected vector " + vector.getField());
  }

  /** The value at {@code index} as the row evaluator represents it, or null. */
  static Object get(FieldVector vector, int index) {
    if (vector.isNull(index)) {
      return null;
    }
    if (vector instanceof BitVector) {
      return ((BitVector) vector).get(index) != 0;
    } else if (vector instanceof BigIntVector) {
      return ((BigIntVector) vector).get(index);
    } else if (vector instanceof Float8Vector) {
      return ((Float8Vector) vector).get(index);
    } else if (vector instanceof VarCharVector) {
      return new String(((VarCharVector) vector).get(index), StandardCharsets.UTF_8);
    } else if (vector instanceof TimeStampMicroTZVector) {
      return ((TimeStampMicroTZVector) vector).get(index);
    }
    throw new IllegalArgumentException("unexpected vector " + vector.getField());
  }

  /** Sets {@code index} to {@code value} (as {@link #get} returns it), growing the vector. */
  static void setSafe(FieldVector vector, int index, Object value) {
    if (value == null) {
      vector.setNull(index);
      if (vector.getValueCapacity() <= index) {
        vector.reAlloc();
      }
    } else if (vector instanceof BitVector) {
      ((BitVector) vector).setSafe(index, (Boolean) value ? 1 : 0);
    } else if (vector instanceof BigIntVector) {
      ((BigIntVector) vector).setSafe(index, (Long) value);
    } else if (vector instanceof Float8Vector) {
      ((Float8Vector) vector).setSafe(index, (Double) value);
    } else if (vector instanceof VarCharVector) {
      ((VarCharVector) vector).setSafe(index, ((String) value).getBytes(StandardCharsets.UTF_8));
    } else if (vector instanceof TimeStampMicroTZVector) {
      ((TimeStampMicroTZVector) vector).setSafe(index, (Long) value);
    } else {
      throw new IllegalArgumentException("unexpected vector " + vector.getField());
    }
  }

  /**
   * Sets slots {@code [0, n)} of {@code to} to {@code from[pick[i]]} (null when {@code pick[i] <
   * 0} or that value is null): offsets computed in one pass and the bytes copied value by value
   * into a buffer sized once, instead of per-cell checked copies that back-fill null offsets.
   */
  static void gatherStrings(VarCharVector from, int[] pick, int n, VarCharVector to) {
    gatherStrings(from, offsets(from), validity(from, from.getValueCount()), pick, 0, n, to);
  }

  /**
   * As {@link #gatherStrings(VarCharVector, int[], int, VarCharVector)} with {@code pick[first +
   * i]}, and {@code from}'s {@link #offsets} and {@link #validity} read once by the caller (who
   * gathers several times from one vector).
   */
  static void gatherStrings(VarCharVector from, int[] offsets, byte[] valid, int[] pick, int first, int n,
      VarCharVector to) {
    byte[] outValid = new byte[(n + 7) / 8];
    int[] outOffsets = new int[n + 1];
    long total = 0;
    for (int i = 0; i < n; i++) {
      int row = pick[first + i];
      if (row >= 0 && isSet(valid, row)) {
        total += offsets[row + 1] - offsets[row];
        outValid[i >>> 3] |= (byte) (1 << (i & 7));
      }
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("string column over 2 GiB in one batch");
      }
      outOffsets[i + 1] = (int) total;
    }
    to.allocateNew(Math.max(total, 1), n);
    org.apache.arrow.memory.ArrowBuf data = to.getDataBuffer();
    org.apache.arrow.memory.ArrowBuf source = from.getDataBuffer();
    for (int i = 0; i < n; i++) {
      int length = outOffsets[i + 1] - outOffsets[i];
      if (length > 0) {
        data.setBytes(outOffsets[i], source, offsets[pick[first + i]], length);
      }
    }
    finishStrings(to, outOffsets, outValid, n);
  }

  /**
   * Sets the {@code n + 1} offsets and the validity bits of slots {@code [0, n)} of a string
   * vector whose data bytes are already in place, then its counts: two bulk copies.
   */
  static void finishStrings(VarCharVector to, int[] offsets, byte[] valid, int n) {
    to.getOffsetBuffer().nioBuffer(0, (n + 1) * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer()
        .put(offsets, 0, n + 1);
    if (n > 0) {
      to.getValidityBuffer().setBytes(0, valid, 0, (n + 7) / 8);
    }
    to.setLastSet(n - 1);
    to.setValueCount(n);
  }

  /**
   * A root that takes over {@code batch}'s buffers (moved, not copied); {@code batch}'s vectors
   * are left empty, for a reader or scanner to refill with its next batch.
   */
  static VectorSchemaRoot moved(VectorSchemaRoot batch) {
    List<FieldVector> vectors = new ArrayList<>();
    try {
      for (FieldVector v : batch.getFieldVectors()) {
        TransferPair transfer = v.getTransferPair(v.getAllocator());
        transfer.transfer();
        vectors.add((FieldVector) transfer.getTo());
      }
      return new VectorSchemaRoot(batch.getSchema().getFields(), vectors, batch.getRowCount());
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
  }

  /** The {@code valueCount + 1} offsets of a string vector, in one bulk copy. */
  static int[] offsets(VarCharVector vector) {
    int rows = vector.getValueCount();
    int[] offsets = new int[rows + 1];
    if (rows > 0) {
      vector.getOffsetBuffer().nioBuffer(0, (rows + 1) * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).asIntBuffer()
          .get(offsets);
    }
    return offsets;
  }

  /** Sets {@code index} to null, growing the vector if needed. */
  static void setNullSafe(FieldVector vector, int index) {
    while (vector.getValueCapacity() <= index) {
      vector.reAlloc();
    }
    vector.setNull(index);
  }

  /**
   * The first {@code n} values of a 64-bit fixed-width vector (bigint, timestamp, float8 bits) in
   * one bulk copy, without per-value bounds and reference checks; null slots hold whatever the
   * buffer holds.
   */
  static long[] longs(FieldVector vector, int n) {
    return longs(vector, n, new long[n]);
  }

  /** As {@link #longs(FieldVector, int)}, into {@code reuse} when it holds {@code n} values (returned), else a new array. */
  static long[] longs(FieldVector vector, int n, long[] reuse) {
    long[] values = reuse.length >= n ? reuse : new long[n];
    if (n > 0) {
      vector.getDataBuffer().nioBuffer(0, Math.multiplyExact(n, 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .asLongBuffer().get(values, 0, n);
    }
    return values;
  }

  /** The validity bits of the first {@code n} slots, one byte per 8 slots (bit i%8 of byte i/8). */
  static byte[] validity(FieldVector vector, int n) {
    byte[] bits = new byte[(n + 7) / 8];
    if (n > 0) {
      vector.getValidityBuffer().getBytes(0, bits, 0, bits.length);
    }
    return bits;
  }

  static boolean isSet(byte[] bits, int i) {
    return (bits[i >>> 3] & (1 << (i & 7))) != 0;
  }

  /**
   * Sets slots {@code [0, n)} of a 64-bit fixed-width vector to {@code values} with validity
   * {@code valid} (as {@link #validity}) in two bulk copies, growing the vector if needed.
   */
  static void setLongs(FieldVector vector, long[] values, byte[] valid, int n) {
    setLongs(vector, values, 0, valid, n);
  }

  /** As {@link #setLongs(FieldVector, long[], byte[], int)} with the values {@code values[from .. from + n)}. */
  static void setLongs(FieldVector vector, long[] values, int from, byte[] valid, int n) {
    while (vector.getValueCapacity() < n) {
      vector.reAlloc();
    }
    if (n > 0) {
      vector.getDataBuffer().nioBuffer(0, Math.multiplyExact(n, 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .asLongBuffer().put(values, from, n);
      vector.getValidityBuffer().setBytes(0, valid, 0, (n + 7) / 8);
    }
  }
}
