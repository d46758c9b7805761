package dev.parity.reports.skew;

import dev.parity.definitions.DataType;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;

/** Profiles of small hand-written columns, built through Arrow vectors as a scan builds them. */
final class Profiles {
  private final BufferAllocator allocator;
  private final SkewOptions options;

  Profiles(BufferAllocator allocator, SkewOptions options) {
    this.allocator = allocator;
    this.options = options;
  }

  /** A float64 profile; null entries are nulls. */
  NumericProfile floats(Double... values) {
    NumericProfile profile = new NumericProfile(DataType.FLOAT64, options.quantileSketchK());
    try (Float8Vector vector = new Float8Vector("x", allocator)) {
      vector.allocateNew(values.length);
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          vector.setNull(i);
        } else {
          vector.set(i, values[i]);
        }
      }
      vector.setValueCount(values.length);
      profile.add(vector, values.length);
    }
    return profile;
  }

  /** An int64 profile; null entries are nulls. */
  NumericProfile longs(Long... values) {
    NumericProfile profile = new NumericProfile(DataType.INT64, options.quantileSketchK());
    try (BigIntVector vector = new BigIntVector("x", allocator)) {
      vector.allocateNew(values.length);
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          vector.setNull(i);
        } else {
          vector.set(i, values[i]);
        }
      }
      vector.setValueCount(values.length);
      profile.add(vector, values.length);
    }
    return profile;
  }

  /** A string profile; null entries are nulls. */
  CategoricalProfile strings(String... values) {
    CategoricalProfile profile = new CategoricalProfile(DataType.STRING, options.frequentItemsMapSize());
    try (VarCharVector vector = new VarCharVector("x", allocator)) {
      vector.allocateNew(values.length);
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          vector.setNull(i);
        } else {
          vector.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
        }
      }
      vector.setValueCount(values.length);
      add(profile, vector, values.length);
    }
    return profile;
  }

  /** A bool profile; null entries are nulls. */
  CategoricalProfile bools(Boolean... values) {
    CategoricalProfile profile = new CategoricalProfile(DataType.BOOL, options.frequentItemsMapSize());
    try (BitVector vector = new BitVector("x", allocator)) {
      vector.allocateNew(values.length);
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          vector.setNull(i);
        } else {
          vector.set(i, values[i] ? 1 : 0);
        }
      }
      vector.setValueCount(values.length);
      add(profile, vector, values.length);
    }
    return profile;
  }

  private static void add(ColumnProfile profile, FieldVector vector, int n) {
    profile.add(vector, n);
  }
}
