package dev.parity.offline.parquet.write;

import java.time.Instant;

/** Conversions between {@link Instant} and the microseconds Parity stores timestamps as. */
public final class Timestamps {
  private Timestamps() {}

  /**
   * Microseconds since the epoch, rounding toward the past.
   *
   * @throws ArithmeticException if the instant is outside the range of a {@code long} of micros
   */
  public static long toMicros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** The instant {@code epochMicros} microseconds after the epoch. */
  public static Instant fromMicros(long epochMicros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
  }
}
