/**
 * Reading Parquet files: every Parquet file Parity opens for reading goes through here. The file
 * ({@link dev.parity.offline.parquet.read.ChannelInputFile}), the codecs and reusable buffers
 * ({@link dev.parity.offline.parquet.read.ParquetCodecs}, {@code ReadBuffers}, {@link
 * dev.parity.offline.parquet.read.PageBuffer}), page decoding ({@link
 * dev.parity.offline.parquet.read.PageDecoder}, {@link dev.parity.offline.parquet.read.BinaryBatch}),
 * the translation of parquet-java's failures into Parity's messages ({@link
 * dev.parity.offline.parquet.read.ParquetDamage}), footers and column types ({@link
 * dev.parity.offline.parquet.read.ParquetFooters}, {@link
 * dev.parity.offline.parquet.read.ParquetSchemaResolver} for the definition loader), and a reader
 * of the engine's own output into Arrow batches ({@link
 * dev.parity.offline.parquet.read.ParquetBatchReader}).
 *
 * <p>Two readers fill their consumer's own structures and live next to them, built on the
 * decoders here: the engine's scanner ({@code dev.parity.offline.engine.ParquetScanner}, decoding
 * pages straight into the join's Arrow buffers; its hot loops are tuned) and data validation's
 * {@code ParquetTableReader}. The writers' codecs come from here as well, so that reading and
 * writing compress alike. Public only so that the offline packages can share it; the definition
 * loader's {@code ParquetSchemaResolver} is the one entry point other modules use.
 */
package dev.parity.offline.parquet.read;
