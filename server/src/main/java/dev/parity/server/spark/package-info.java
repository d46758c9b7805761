/**
 * Training sets and materializations on the Spark engine from the {@code parity} command line: {@link
 * dev.parity.server.spark.SparkSubmit} runs {@code parity-spark.jar} (built by the {@code
 * offline-spark} module, which lives outside this build because Spark's Jackson and Netty differ
 * from Dropwizard's) with {@code $SPARK_HOME/bin/spark-submit}, and {@link
 * dev.parity.server.spark.SparkTrainingSetBuilder} turns the job's output into the record the
 * embedded engine's training sets get, so the run is recorded in the metadata store the same way;
 * {@link dev.parity.server.spark.SparkMaterializer} likewise turns the job's reports into the
 * embedded materialization's.
 */
package dev.parity.server.spark;
