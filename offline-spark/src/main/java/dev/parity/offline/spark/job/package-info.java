/**
 * The Spark job of {@code parity-spark.jar} ({@link dev.parity.offline.spark.job.ParitySparkJob}):
 * {@code training-set} with the {@code parity} command line's arguments, run by {@code
 * spark-submit}. The job builds the output and its {@code _parity.json}; the {@code parity}
 * command that launched it records the run in the metadata store (docs/offline.md, "The Spark
 * engine").
 */
package dev.parity.offline.spark.job;
