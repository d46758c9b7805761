package dev.parity.offline.spark;

import dev.parity.offline.features.TrainingSetStatistics;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * Brings the statistics each write task collected ({@link StatisticsPass}) to the driver and merges
 * them in partition order, which is output row order: a partition's part is merged as soon as every
 * earlier one is, so the driver holds only parts that arrived early. Updates come from the tasks
 * of the write's result stage, which Spark applies once per partition. Unnamed, so that Spark does
 * not read its value after every task for its UI.
 */
final class StatisticsAccumulator extends AccumulatorV2<StatisticsAccumulator.Part, TrainingSetStatistics> {
  private static final long serialVersionUID = 1L;

  /** What the task of {@code partition} collected. */
  record Part(int partition, TrainingSetStatistics statistics) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final List<TrainingSetStatistics.FeatureColumn> columns;
  private TrainingSetStatistics merged;
  private int next;
  private final TreeMap<Integer, TrainingSetStatistics> pending = new TreeMap<>();

  StatisticsAccumulator(List<TrainingSetStatistics.FeatureColumn> columns) {
    this.columns = List.copyOf(columns);
    this.merged = new TrainingSetStatistics(this.columns);
  }

  List<TrainingSetStatistics.FeatureColumn> columns() {
    return columns;
  }

  @Override
  public boolean isZero() {
    return next == 0 && pending.isEmpty();
  }

  /**
   * An empty accumulator of the same columns: Spark copies an accumulator only to reset the copy
   * (the zero value it ships with a stage's tasks), and a collected part is not copied.
   */
  @Override
  public AccumulatorV2<Part, TrainingSetStatistics> copy() {
    return new StatisticsAccumulator(columns);
  }

  @Override
  public void reset() {
    merged = new TrainingSetStatistics(columns);
    next = 0;
    pending.clear();
  }

  @Override
  public void add(Part part) {
    pending.put(part.partition(), part.statistics());
  }

  @Override
  public void merge(AccumulatorV2<Part, TrainingSetStatistics> other) {
    ((StatisticsAccumulator) other).pending.forEach(pending::put);
    while (!pending.isEmpty() && pending.firstKey() == next) {
      merged.merge(pending.pollFirstEntry().getValue());
      next++;
    }
  }

  /** The statistics of the partitions merged so far, in order (those after a missing one not yet). */
  @Override
  public TrainingSetStatistics value() {
    return merged;
  }

  /**
   * Every part merged, in partition order (a partition without a part, which had no task, skipped):
   * the statistics of the whole output.
   */
  TrainingSetStatistics finish() {
    for (Map.Entry<Integer, TrainingSetStatistics> part = pending.pollFirstEntry(); part != null;
        part = pending.pollFirstEntry()) {
      merged.merge(part.getValue());
      next = part.getKey() + 1;
    }
    return merged;
  }
}
