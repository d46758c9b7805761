package dev.parity.offline.spark;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;
import scala.Option;

/**
 * What the executors' writes did, reported to the driver in accumulators: entities delivered,
 * online rows written (created or replaced) and unchanged (the stored row was at least as new),
 * and write tasks finished. Each count is kept twice: over the tasks that succeeded (Spark merges
 * those once per partition, so a retried task does not count twice: the counts of a successful
 * run) and over every task attempt, failed ones included (what the store acknowledged before a
 * run failed: those rows are online).
 */
final class WriteCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  final LongAccumulator entities;
  final LongAccumulator written;
  final LongAccumulator unchanged;
  final LongAccumulator tasks;
  private final LongAccumulator entitiesAnyAttempt;
  private final LongAccumulator writtenAnyAttempt;
  private final LongAccumulator unchangedAnyAttempt;

  WriteCounts(SparkContext spark, String view) {
    String prefix = "parity materialize " + view + ": ";
    entities = spark.longAccumulator(prefix + "entities");
    written = spark.longAccumulator(prefix + "written");
    unchanged = spark.longAccumulator(prefix + "unchanged");
    tasks = spark.longAccumulator(prefix + "tasks");
    entitiesAnyAttempt = countingFailedTasks(spark, prefix + "entities (any attempt)");
    writtenAnyAttempt = countingFailedTasks(spark, prefix + "written (any attempt)");
    unchangedAnyAttempt = countingFailedTasks(spark, prefix + "unchanged (any attempt)");
  }

  /**
   * An accumulator whose updates Spark merges from failed tasks too. {@code
   * AccumulatorV2.register} with {@code countFailedValues} is Spark-internal in Scala
   * ({@code private[spark]}) but public in the bytecode; it is how Spark's own task metrics count
   * the work of failed attempts, and no public API does it.
   */
  private static LongAccumulator countingFailedTasks(SparkContext spark, String name) {
    LongAccumulator accumulator = new LongAccumulator();
    accumulator.register(spark, Option.apply(name), true);
    return accumulator;
  }

  /** In a task: {@code count} more entities delivered, before they are written. */
  void addEntities(long count) {
    entities.add(count);
    entitiesAnyAttempt.add(count);
  }

  /** In a task: online rows the store acknowledged as written, and as unchanged. */
  void addWrites(long writtenCount, long unchangedCount) {
    written.add(writtenCount);
    unchanged.add(unchangedCount);
    writtenAnyAttempt.add(writtenCount);
    unchangedAnyAttempt.add(unchangedCount);
  }

  /** On the driver after a failed run: entities, written, unchanged over every attempt. */
  long[] anyAttempt() {
    return new long[] {entitiesAnyAttempt.value(), writtenAnyAttempt.value(), unchangedAnyAttempt.value()};
  }
}
