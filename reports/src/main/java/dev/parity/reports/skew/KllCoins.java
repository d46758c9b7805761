package dev.parity.reports.skew;

import java.lang.reflect.Field;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.kll.KllSketch;

/**
 * Makes KLL sketches deterministic: the same values added in the same order give the same sketch,
 * so a report run twice on the same data gives the same numbers and a data set compared with
 * itself scores exactly 0.
 *
 * <p>Why this is needed: when a KLL sketch compacts a level it keeps either the odd or the even
 * items, chosen by a coin flip; DataSketches 6 draws every flip from one static, unseeded {@code
 * Random} shared by all the sketches of the JVM ({@code KllSketch.random}, package-private, with no
 * way to give a sketch its own). Here each update and merge reseeds that generator from the
 * sketch's own state (how many values it has seen) while holding the generator's lock, so the
 * flips a sketch gets depend on its input alone, whatever other sketches do on other threads.
 * The flips stay pseudo-random, so KLL's error bound is kept: it holds over the choice of coins,
 * which a fixed seed does not bias for data that does not know it. The lock serializes sketch
 * updates across threads; they are a small part of a profile's time next to decoding Parquet.
 *
 * <p>Thread-safe.
 */
final class KllCoins {
  private static final Random SHARED = sharedRandom();
  private static final long SEED = 0x5EED_0F_9A_2170L;

  private KllCoins() {}

  /** Adds {@code values[0, count)} to {@code sketch} with coins that depend only on the sketch's state. */
  static void update(KllDoublesSketch sketch, double[] values, int count) {
    synchronized (SHARED) {
      SHARED.setSeed(mix(SEED, sketch.getN()));
      sketch.update(values, 0, count);
    }
  }

  /** Merges {@code other} into {@code sketch} with coins that depend only on the two sketches' states. */
  static void merge(KllDoublesSketch sketch, KllDoublesSketch other) {
    synchronized (SHARED) {
      SHARED.setSeed(mix(mix(~SEED, sketch.getN()), other.getN()));
      sketch.merge(other);
    }
  }

  /** SplitMix64's finalizer over {@code a} and {@code b}: nearby counts give unrelated seeds. */
  private static long mix(long a, long b) {
    long z = a + 0x9E3779B97F4A7C15L * (b + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static Random sharedRandom() {
    try {
      Field field = KllSketch.class.getDeclaredField("random");
      field.setAccessible(true);
      return (Random) field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A DataSketches upgrade that moved the coins: fail loudly rather than report numbers that vary.
      throw new ExceptionInInitializerError(new IllegalStateException(
          "cannot reach the coin flips of DataSketches' KLL sketches (KllSketch.random); was DataSketches upgraded?", e));
    }
  }
}
