package dev.parity.offline;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Tuning of the embedded engine.
 *
 * @param tempDirectory where spill files go: a fresh working folder per run, locked while the run
 *     lives and deleted afterwards; each run first removes the folders left by processes that died
 *     ({@link dev.parity.offline.work.WorkFolder}); anything else in it is left alone
 * @param threads worker threads joining partitions in parallel
 * @param partitions hash partitions per view; 0 derives the count from input sizes
 * @param rowsPerPartition target entity plus source rows in one partition when derived; bounds the
 *     memory of one join task (about 60 bytes of heap plus the row's Arrow data per row)
 * @param batchRows rows per Arrow batch when reading and writing
 * @param memoryLimitBytes most off-heap Arrow memory one run may allocate
 */
public record OfflineOptions(
    Path tempDirectory,
    int threads,
    int partitions,
    long rowsPerPartition,
    int batchRows,
    long memoryLimitBytes) {
  public OfflineOptions {
    requireNonNull(tempDirectory, "tempDirectory is null");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
    if (partitions < 0 || partitions > 65_536) {
      throw new IllegalArgumentException("partitions must be in [0, 65536]: " + partitions);
    }
    if (rowsPerPartition < 1) {
      throw new IllegalArgumentException("rowsPerPartition must be positive: " + rowsPerPartition);
    }
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be positive: " + batchRows);
    }
    if (memoryLimitBytes < 1 << 20) {
      throw new IllegalArgumentException("memoryLimitBytes must be at least 1 MiB: " + memoryLimitBytes);
    }
  }

  /**
   * Two threads, derived partitions of about 256k rows (a partition's 64-bit columns then stay
   * close to a core's cache during the join), 64k-row batches, 2 GiB of Arrow memory.
   */
  public static OfflineOptions defaults(Path tempDirectory) {
    return new OfflineOptions(tempDirectory, 2, 0, 256_000, 65_536, 2L << 30);
  }

  public OfflineOptions withThreads(int value) {
    return new OfflineOptions(tempDirectory, value, partitions, rowsPerPartition, batchRows, memoryLimitBytes);
  }

  public OfflineOptions withPartitions(int value) {
    return new OfflineOptions(tempDirectory, threads, value, rowsPerPartition, batchRows, memoryLimitBytes);
  }

  public OfflineOptions withRowsPerPartition(long value) {
    return new OfflineOptions(tempDirectory, threads, partitions, value, batchRows, memoryLimitBytes);
  }

  public OfflineOptions withBatchRows(int value) {
    return new OfflineOptions(tempDirectory, threads, partitions, rowsPerPartition, value, memoryLimitBytes);
  }
}
