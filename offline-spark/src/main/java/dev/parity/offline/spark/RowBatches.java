package dev.parity.offline.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * A partition's rows taken in batches of at most {@code batchRows} (the Arrow batches the compiled
 * evaluator works on), each turned into output rows before the next batch is read: memory bounded
 * by the batch, not the partition.
 */
final class RowBatches {
  /** Turns one batch of input rows into output rows, appended to {@code out}. */
  @FunctionalInterface
  interface Transform {
    void apply(List<Row> batch, List<Row> out);
  }

  private RowBatches() {}

  static Iterator<Row> map(Iterator<Row> input, int batchRows, Transform transform) {
    return new Iterator<>() {
      private final List<Row> out = new ArrayList<>();
      private int next;

      @Override
      public boolean hasNext() {
        while (next == out.size()) {
          out.clear();
          next = 0;
          if (!input.hasNext()) {
            return false;
          }
          List<Row> batch = new ArrayList<>(Math.min(batchRows, 1024));
          while (batch.size() < batchRows && input.hasNext()) {
            batch.add(input.next());
          }
          transform.apply(batch, out);
        }
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return out.get(next++);
      }
    };
  }
}
