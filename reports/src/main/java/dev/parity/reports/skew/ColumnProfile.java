package dev.parity.reports.skew;

import org.apache.arrow.vector.FieldVector;

/**
 * A bounded-memory summary of one column's values, built in one pass and mergeable: profiles of
 * parts of a data set merge into the profile of the whole. Not thread-safe.
 */
sealed interface ColumnProfile permits NumericProfile, CategoricalProfile {
  /** Adds rows {@code [0, n)} of {@code vector}, which has this column's type. */
  default void add(FieldVector vector, int n) {
    add(vector, n, null);
  }

  /**
   * Adds {@code n} rows of {@code vector}, which has this column's type: rows {@code rows[0..n)}
   * (increasing), or rows {@code [0, n)} if {@code rows} is null.
   */
  void add(FieldVector vector, int n, int[] rows);

  /** Adds every value {@code other} summarizes; {@code other} is left unchanged. */
  void merge(ColumnProfile other);

  /** Rows seen. */
  long rows();

  /** Rows without a comparable value: null (and, for floats, NaN). */
  long missing();

  /** Whether the summary is exact (no sketch has discarded anything yet). */
  boolean exact();
}
