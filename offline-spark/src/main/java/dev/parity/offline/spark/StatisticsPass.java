package dev.parity.offline.spark;

import dev.parity.definitions.DataType;
import dev.parity.offline.features.TrainingSetStatistics;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Collects the statistics of the output's feature columns as the write task passes its rows on to
 * the Parquet writer, so that they are computed by the executors in the job that writes the output,
 * not by reading it again; the task's part goes to {@link StatisticsAccumulator} once its rows are
 * all written.
 */
final class StatisticsPass implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final StatisticsAccumulator accumulator;
  /** The field of each column of {@code accumulator.columns()} in the rows. */
  private final int[] fields;

  StatisticsPass(StatisticsAccumulator accumulator, int[] fields) {
    this.accumulator = accumulator;
    this.fields = fields.clone();
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    List<TrainingSetStatistics.FeatureColumn> columns = accumulator.columns();
    TrainingSetStatistics statistics = new TrainingSetStatistics(columns);
    int partition = TaskContext.getPartitionId();
    return new Iterator<>() {
      private boolean reported;

      @Override
      public boolean hasNext() {
        boolean more = input.hasNext();
        if (!more && !reported) {
          reported = true;
          accumulator.add(new StatisticsAccumulator.Part(partition, statistics));
        }
        return more;
      }

      @Override
      public Row next() {
        Row row = input.next();
        for (int c = 0; c < fields.length; c++) {
          Object value = row.get(fields[c]);
          statistics.add(c, columns.get(c).type() == DataType.TIMESTAMP ? micros(value) : value);
        }
        return row;
      }
    };
  }

  /** A Spark timestamp as UTC microseconds. */
  private static Long micros(Object value) {
    if (value == null) {
      return null;
    }
    Instant instant = value instanceof Timestamp t ? t.toInstant() : (Instant) value;
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }
}
