package dev.parity.client;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.AbstractList;
import java.util.List;

/**
 * The answer of a lookup: one {@link FeatureRow} per entity row, in the order of the request,
 * each with a value, status and event time per feature. The columns are those of the server's
 * {@code feature_names}: the join keys first, then the features (plain names, or {@code
 * view__feature} when asked for full names). Immutable and thread-safe.
 */
public final class OnlineFeatures {
  private final FeatureNames names;
  private final List<RowData> rows;
  private final Instant receivedAt;
  private final int cachedRows;

  OnlineFeatures(FeatureNames names, List<RowData> rows, Instant receivedAt, int cachedRows) {
    this.names = requireNonNull(names, "names is null");
    this.rows = List.copyOf(rows);
    this.receivedAt = requireNonNull(receivedAt, "receivedAt is null");
    this.cachedRows = cachedRows;
  }

  /** The column names, join keys first. */
  public List<String> featureNames() {
    return names.names();
  }

  /** The number of entity rows. */
  public int rowCount() {
    return rows.size();
  }

  /**
   * Row {@code index} (0 for the first entity row).
   *
   * @throws IndexOutOfBoundsException if there is no such row
   */
  public FeatureRow row(int index) {
    if (index < 0 || index >= rows.size()) {
      throw new IndexOutOfBoundsException("row " + index + " of an answer of " + rows.size() + " rows");
    }
    return new FeatureRow(rows.get(index), index, receivedAt);
  }

  /** The rows, in the order of the request. */
  public List<FeatureRow> rows() {
    return new AbstractList<>() {
      @Override
      public FeatureRow get(int index) {
        return row(index);
      }

      @Override
      public int size() {
        return rows.size();
      }
    };
  }

  /** When the answer was received (for rows from the near cache: when this lookup was answered); ages are counted to it. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** How many of the rows came from the near cache. */
  public int cachedRows() {
    return cachedRows;
  }

  List<RowData> data() {
    return rows;
  }

  FeatureNames names() {
    return names;
  }

  @Override
  public String toString() {
    return "OnlineFeatures" + rows();
  }
}
