/**
 * The Spark job of {@code parity-spark.jar} ({@link dev.parity.offline.spark.job.ParitySparkJob}):
 * {@code training-set} and {@code materialize} with the {@code parity} command line's arguments,
 * run by {@code spark-submit}. A training set's job builds the output and its {@code
 * _parity.json}; a materialization's writes online and reports each view in a line; the {@code
 * parity} command that launched either records the run in the metadata store (docs/offline.md,
 * "The Spark engine").
 */
package dev.parity.offline.spark.job;
