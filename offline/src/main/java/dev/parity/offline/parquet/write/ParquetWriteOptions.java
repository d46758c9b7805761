package dev.parity.offline.parquet.write;

import static java.util.Objects.requireNonNull;

/**
 * How Parquet files are laid out. Memory held by a writer is about one row group's encoded size,
 * so {@code rowGroupBytes} bounds it.
 *
 * @param compression page compression
 * @param rowGroupBytes target encoded size of a row group before it is flushed (at least 64 KiB)
 * @param rowGroupRowLimit most rows in one row group (at least 1)
 */
public record ParquetWriteOptions(
    ParquetCompression compression, long rowGroupBytes, int rowGroupRowLimit) {

  private static final long MIN_ROW_GROUP_BYTES = 64 * 1024;

  public ParquetWriteOptions {
    requireNonNull(compression, "compression is null");
    if (rowGroupBytes < MIN_ROW_GROUP_BYTES) {
      throw new IllegalArgumentException(
          "rowGroupBytes must be at least " + MIN_ROW_GROUP_BYTES + ": " + rowGroupBytes);
    }
    if (rowGroupRowLimit < 1) {
      throw new IllegalArgumentException("rowGroupRowLimit must be positive: " + rowGroupRowLimit);
    }
  }

  /** zstd, 64 MiB row groups of at most 1M rows: good for scans, modest memory. */
  public static ParquetWriteOptions defaults() {
    return new ParquetWriteOptions(ParquetCompression.ZSTD, 64L * 1024 * 1024, 1_000_000);
  }

  public ParquetWriteOptions withCompression(ParquetCompression value) {
    return new ParquetWriteOptions(value, rowGroupBytes, rowGroupRowLimit);
  }

  public ParquetWriteOptions withRowGroupRowLimit(int value) {
    return new ParquetWriteOptions(compression, rowGroupBytes, value);
  }

  public ParquetWriteOptions withRowGroupBytes(long value) {
    return new ParquetWriteOptions(compression, value, rowGroupRowLimit);
  }
}
