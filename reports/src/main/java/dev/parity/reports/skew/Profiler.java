package dev.parity.reports.skew;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.definitions.DriftStatistic;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Builds a {@link DatasetProfile} from Arrow batches in one pass: per column a numeric profile
 * (int64, float64, timestamp) or a categorical one (string, bool). Memory is bounded by the
 * sketches' sizes, never by the rows. Not thread-safe: one per pass.
 */
public final class Profiler {
  private final Map<String, ColumnProfile> columns = new LinkedHashMap<>();
  private long rows;

  /**
   * @param columns the columns to profile, by name, with their Parity types
   * @param options the sketches' sizes
   */
  public Profiler(Map<String, DataType> columns, SkewOptions options) {
    requireNonNull(options, "options is null");
    requireNonNull(columns, "columns is null").forEach((name, type) -> this.columns.put(name, DriftStatistic.isCategorical(type)
        ? new CategoricalProfile(type, options.frequentItemsMapSize())
        : new NumericProfile(type, options.quantileSketchK())));
  }

  /**
   * Adds the rows of {@code batch}, which holds every profiled column (by name) with its type.
   *
   * @throws IllegalArgumentException if a column is missing from the batch
   */
  public void add(VectorSchemaRoot batch) {
    add(batch, batch.getRowCount(), null);
  }

  /**
   * Adds {@code n} rows of {@code batch}: rows {@code rows[0..n)} (increasing), or the first
   * {@code n} if {@code rows} is null. The batch holds every profiled column (by name) with its type.
   *
   * @throws IllegalArgumentException if a column is missing from the batch
   */
  public void add(VectorSchemaRoot batch, int n, int[] rows) {
    columns.forEach((name, profile) -> {
      FieldVector vector = batch.getVector(name);
      if (vector == null) {
        throw new IllegalArgumentException("the batch has no column " + name);
      }
      profile.add(vector, n, rows);
    });
    this.rows += n;
  }

  /** The profile of every row added. The profiler must not be used afterwards. */
  public DatasetProfile finish() {
    return new DatasetProfile(columns, rows);
  }
}
