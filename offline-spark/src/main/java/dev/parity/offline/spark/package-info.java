/**
 * The offline engine on Apache Spark ({@link dev.parity.offline.spark.SparkOfflineEngine}): the
 * embedded engine's point-in-time training sets computed by a Spark 4 session from the same
 * definitions, cell for cell equal (docs/offline.md, "The Spark engine"). Only {@code
 * SparkOfflineEngine} and {@code SparkEngineOptions} are API; the rest are the job's parts: the
 * inputs' file order and row numbers ({@code InputFiles}), the views' checks and scans ({@code
 * SourceScan}, {@code EntityScan}), row transforms over Arrow batches in the executors ({@code
 * SourceTransform}), hot-key spreading ({@code HotKeys}, {@code HotKeySpread}), the streaming
 * as-of merge ({@code AsOfMerge}, {@code WindowFunctions}) and the output ({@code
 * OutputDirectory}).
 */
package dev.parity.offline.spark;
