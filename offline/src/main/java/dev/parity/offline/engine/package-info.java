/**
 * The embedded offline engine behind {@link dev.parity.offline.OfflineEngine#embedded}: inputs are
 * scanned into Arrow ({@code TableScanner}: Parquet page by page, CSV strictly typed), spilled into
 * hash partitions on disk ({@code Partitioner}, {@code SpillFile}), joined point in time per
 * partition on a thread pool ({@code PointInTimeJoin}, {@code WindowAggregator}) and written back
 * in input order ({@code OutputAssembler}); latest values for materialization reuse the same join
 * ({@code LatestValues}).
 *
 * <p>Not API: everything here is package-private except {@link
 * dev.parity.offline.engine.ArrowOfflineEngine} (constructed through {@code OfflineEngine.embedded}),
 * and two readers other modules share so that they read files exactly as training sets do: {@link
 * dev.parity.offline.engine.ParquetTables} (Parquet into Arrow batches, for skew reports) and
 * {@link dev.parity.offline.engine.EntityFiles} (an entity table opened once: its footers read
 * once for the training set's checks, its reference time and the run). The hot loops (scanning, partitioning, joining) are tuned; see bench/RESULTS.md
 * before changing them.
 */
package dev.parity.offline.engine;
