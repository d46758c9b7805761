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
    fill(profile, new Float8Vector("x", allocator), values, Float8Vector::set);
    return profile;
  }

  /** An int64 profile; null entries are nulls. */
  NumericProfile longs(Long... values) {
    NumericProfile profile = new NumericProfile(DataType.INT64, options.quantileSketchK());
    fill(profile, new BigIntVector("x", allocator), values, BigIntVector::set);
    return profile;
  }

  /** A string profile; null entries are nulls. */
  CategoricalProfile strings(String... values) {
    CategoricalProfile profile = new CategoricalProfile(DataType.STRING, options.frequentItemsMapSize());
    fill(profile, new VarCharVector("x", allocator), values,
        (vector, i, value) -> vector.setSafe(i, value.getBytes(StandardCharsets.UTF_8)));
    return profile;
  }

  /** A bool profile; null entries are nulls. */
  CategoricalProfile bools(Boolean... values) {
    CategoricalProfile profile = new CategoricalProfile(DataType.BOOL, options.frequentItemsMapSize());
    fill(profile, new BitVector("x", allocator), values, (vector, i, value) -> vector.set(i, value ? 1 : 0));
    return profile;
  }

  /** Sets one non-null value of a vector. */
  private interface Setter<V, T> {
    void set(V vector, int index, T value);
  }

  /** Fills {@code vector} with {@code values} (null entries as nulls), adds it to {@code profile}, closes it. */
  private static <V extends FieldVector, T> void fill(ColumnProfile profile, V vector, T[] values, Setter<V, T> setter) {
    try (vector) {
      vector.setInitialCapacity(values.length);
      vector.allocateNew();
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          vector.setNull(i);
        } else {
          setter.set(vector, i, values[i]);
        }
      }
      vector.setValueCount(values.length);
      profile.add(vector, values.length);
    }
  }
}
