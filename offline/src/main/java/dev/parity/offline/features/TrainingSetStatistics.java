package dev.parity.offline.features;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The statistics of a training set's feature columns ({@link FeatureStatistics}) for an engine
 * that writes the output in parts (the Spark engine's executors, one per partition): each part
 * feeds its own instance row by row, and the parts' instances are merged in row order. Counts,
 * extremes, boolean counts and exact string counts equal those {@link TrainingSets#build}
 * collects over the same rows; quantiles and the histogram too while a column has at most {@value
 * FeatureStatistics#SAMPLE_SIZE} finite values; mean and deviation up to rounding. Serializable
 * (a filled sample of {@value FeatureStatistics#SAMPLE_SIZE} values per numeric column at most);
 * not thread-safe.
 */
public final class TrainingSetStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A feature column of the output.
   *
   * @param feature {@code view:feature}
   * @param column its name in the output
   * @param type its type
   */
  public record FeatureColumn(String feature, String column, DataType type) implements Serializable {
    private static final long serialVersionUID = 1L;

    public FeatureColumn {
      requireNonNull(feature, "feature is null");
      requireNonNull(column, "column is null");
      requireNonNull(type, "type is null");
    }
  }

  private final List<StatisticsCollector> collectors = new ArrayList<>();

  /** Empty statistics of {@code columns}, in output order. */
  public TrainingSetStatistics(List<FeatureColumn> columns) {
    requireNonNull(columns, "columns is null").forEach(c ->
        collectors.add(new StatisticsCollector(c.feature(), c.column(), c.type())));
  }

  /** The feature columns of {@code join}'s output, in output order. */
  public static List<FeatureColumn> columns(EngineJoin join) {
    return join.outputs().stream().map(o -> new FeatureColumn(o.feature(), o.column(), o.type())).toList();
  }

  /**
   * Adds the next row's value of column {@code index} (in the order given): {@code Long} for
   * int64 and for timestamps (UTC microseconds), {@code Double}, {@code String}, {@code Boolean},
   * or null.
   *
   * @throws ClassCastException if the value is not of the column's type
   */
  public void add(int index, Object value) {
    collectors.get(index).addValue(value);
  }

  /**
   * Adds {@code later}'s rows, which come after this one's in the output.
   *
   * @throws IllegalArgumentException if {@code later} is of other columns
   */
  public void merge(TrainingSetStatistics later) {
    if (later.collectors.size() != collectors.size()) {
      throw new IllegalArgumentException("cannot merge statistics of " + later.collectors.size() + " columns into "
          + collectors.size());
    }
    for (int c = 0; c < collectors.size(); c++) {
      collectors.get(c).merge(later.collectors.get(c));
    }
  }

  /** The statistics of each column, in the order given. */
  public List<FeatureStatistics> results() {
    return collectors.stream().map(StatisticsCollector::result).toList();
  }
}
