/**
 * The offline engine on Apache Spark ({@link dev.parity.offline.spark.SparkOfflineEngine}): the
 * embedded engine's point-in-time training sets computed by a Spark 4 session from the same
 * definitions, cell for cell equal (docs/offline.md, "The Spark engine"), and materialization on
 * the cluster ({@link dev.parity.offline.spark.SparkMaterialization}). Only {@code
 * SparkOfflineEngine}, its result {@code SparkTrainingSet}, {@code SparkEngineOptions}, {@code
 * SparkMaterialization}, its result {@code SparkViewMaterialization} and {@code
 * SparkMaterializationException} are API; the rest are the job's parts: the inputs' file order
 * and row numbers ({@code InputFiles}), the views' checks and scans ({@code SourceScan}, {@code
 * EntityScan}), Bloom-filter pruning of source keys ({@code KeyBloomFilter}), row transforms and
 * on-demand features over Arrow batches in the executors ({@code SourceTransform}, {@code
 * OnDemandColumns}, {@code OnDemandTransform}, {@code RowBatches}, {@code ArrowBatch}), hot-key
 * spreading ({@code HotKeys}, {@code HotKeySpread}), the streaming as-of merge ({@code AsOfMerge},
 * {@code WindowFunctions}), the output and its statistics ({@code OutputDirectory}, {@code
 * StatisticsPass}, {@code StatisticsAccumulator}), and materialization's latest values ({@code
 * LatestMerge}) and writes ({@code RedisPartitionWriter}, {@code OnlineTarget}, {@code
 * WriteCounts}, {@code WriteProgress}).
 */
package dev.parity.offline.spark;
