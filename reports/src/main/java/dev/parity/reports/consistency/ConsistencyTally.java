package dev.parity.reports.consistency;

import dev.parity.definitions.DataType;

/**
 * Counts of one feature's comparison, row by row. Values are compared exactly (both paths share
 * {@code StrictMath}, so equal inputs give bitwise-equal results); a NaN equals a NaN. SMAPE, the
 * symmetric mean absolute percentage error, follows Chronon's consistency metrics: the mean over
 * rows where both sides have a number of {@code 2|a - b| / (|a| + |b|)}, with {@code 0/0 = 0}, in
 * {@code [0, 2]} (Makridakis 1993; see en.wikipedia.org/wiki/Symmetric_mean_absolute_percentage_error).
 * Not thread-safe.
 */
final class ConsistencyTally {
  private final DataType type;
  long total;
  long bothNull;
  long onlineOnlyNull;
  long offlineOnlyNull;
  long valueMismatch;
  long notCompared;
  private double smapeSum;
  private long smapeRows;

  ConsistencyTally(DataType type) {
    this.type = type;
  }

  /** Counts one compared row; true when the sides differ. */
  boolean add(Object online, Object offline) {
    total++;
    if (online == null && offline == null) {
      bothNull++;
      return false;
    }
    if (online == null) {
      onlineOnlyNull++;
      return true;
    }
    if (offline == null) {
      offlineOnlyNull++;
      return true;
    }
    if (type == DataType.INT64 || type == DataType.FLOAT64) {
      smapeSum += smape(((Number) online).doubleValue(), ((Number) offline).doubleValue());
      smapeRows++;
    }
    if (same(online, offline)) {
      return false;
    }
    valueMismatch++;
    return true;
  }

  long mismatch() {
    return onlineOnlyNull + offlineOnlyNull + valueMismatch;
  }

  double mismatchRate() {
    return total == 0 ? 0 : (double) mismatch() / total;
  }

  /** The mean SMAPE, or null for a non-numeric feature or without rows where both sides have a value. */
  Double smape() {
    return smapeRows == 0 ? null : smapeSum / smapeRows;
  }

  /** {@code 2|a - b| / (|a| + |b|)}, 0 when both are 0; 0 for two NaNs, 2 for one. */
  static double smape(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b) ? 0 : 2;
    }
    double denominator = Math.abs(a) + Math.abs(b);
    if (denominator == 0) {
      return 0;
    }
    if (Double.isInfinite(denominator)) {
      return a == b ? 0 : 2;
    }
    return 2 * Math.abs(a - b) / denominator;
  }

  /** Equal values; doubles bit for bit except that every NaN equals every NaN and 0.0 equals -0.0. */
  static boolean same(Object online, Object offline) {
    if (online instanceof Double a && offline instanceof Double b) {
      return a.doubleValue() == b.doubleValue() || (a.isNaN() && b.isNaN());
    }
    return online == null ? offline == null : online.equals(offline);
  }
}
