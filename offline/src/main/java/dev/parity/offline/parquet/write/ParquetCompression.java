package dev.parity.offline.parquet.write;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Page compression of written Parquet files. */
public enum ParquetCompression {
  /** Best ratio for the speed; the default. */
  ZSTD(CompressionCodecName.ZSTD),
  /** Fastest to read back. */
  SNAPPY(CompressionCodecName.SNAPPY),
  UNCOMPRESSED(CompressionCodecName.UNCOMPRESSED);

  private final CompressionCodecName codec;

  ParquetCompression(CompressionCodecName codec) {
    this.codec = codec;
  }

  CompressionCodecName codec() {
    return codec;
  }
}
