package dev.parity.offline.engine;

import org.apache.arrow.vector.FieldVector;

/** Lets tests of the public API read values as the engine does, {@link Vectors} staying package-private. */
public final class TestVectors {
  private TestVectors() {}

  /** {@link Vectors#get}: the value at {@code index} as the engine reads it, or null. */
  public static Object get(FieldVector vector, int index) {
    return Vectors.get(vector, index);
  }
}
