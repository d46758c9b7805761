package dev.parity.reports.consistency;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How a consistency report is made.
 *
 * @param maxMismatchRate a feature fails when its mismatch rate exceeds this, in {@code [0, 1]}
 * @param examplesPerCause how many mismatches each cause shows per feature
 * @param batchRows rows per Arrow batch when reading
 * @param chunkRows served rows held in memory at once: a serving log range with more requests is
 *     read, recomputed offline and compared in chunks of this many (each recomputation reads the
 *     offline sources again, so larger chunks are faster and smaller ones lighter)
 * @param temporaryDirectory where the entity tables and recomputed training sets are written
 *     (deleted afterwards)
 */
public record ConsistencyOptions(double maxMismatchRate, int examplesPerCause, int batchRows, int chunkRows,
    Path temporaryDirectory) {
  /**
   * @throws IllegalArgumentException a rate outside {@code [0, 1]} or a count below 1
   */
  public ConsistencyOptions {
    requireNonNull(temporaryDirectory, "temporary directory is null");
    if (!(maxMismatchRate >= 0 && maxMismatchRate <= 1)) {
      throw new IllegalArgumentException("max mismatch rate must be in [0, 1]: " + maxMismatchRate);
    }
    if (examplesPerCause < 1) {
      throw new IllegalArgumentException("examples per cause must be at least 1: " + examplesPerCause);
    }
    if (batchRows < 1) {
      throw new IllegalArgumentException("batch rows must be at least 1: " + batchRows);
    }
    if (chunkRows < 1) {
      throw new IllegalArgumentException("chunk rows must be at least 1: " + chunkRows);
    }
  }

  /** At most 1 % mismatches, 3 examples per cause, batches of 8192 rows, chunks of 100,000. */
  public static ConsistencyOptions defaults(Path temporaryDirectory) {
    return new ConsistencyOptions(0.01, 3, 8192, 100_000, temporaryDirectory);
  }

  public ConsistencyOptions withMaxMismatchRate(double value) {
    return new ConsistencyOptions(value, examplesPerCause, batchRows, chunkRows, temporaryDirectory);
  }

  public ConsistencyOptions withChunkRows(int value) {
    return new ConsistencyOptions(maxMismatchRate, examplesPerCause, batchRows, value, temporaryDirectory);
  }
}
