package dev.parity.reports.skew;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Bins of a numeric feature, computed once from the reference profile and applied identically to
 * both sides. The edges are the reference's quantiles at {@code i/B} for i = 1..B-1, each the
 * smallest value whose share of values at most it reaches {@code i/B} (DuckDB: the least {@code x}
 * with {@code cume_dist() >= i/B}), without repeats and below the reference's maximum; the bins
 * are closed on the right so that each edge belongs to the bin it ends:
 *
 * <pre>
 *   below:  x &lt; min_ref (and -Infinity)
 *   [min_ref, e1], (e1, e2], ..., (em, max_ref]
 *   above:  x &gt; max_ref (and +Infinity)
 *   missing: null or NaN
 * </pre>
 *
 * so every row of either side falls in exactly one bin, and the values 1..10 in 5 bins give 2
 * values a bin. With ties fewer than B value bins remain (a column of 70 % 0s and 30 % 1s has
 * [0, 0] and (0, 1]). Shares are of all rows, nulls included. Immutable.
 */
final class NumericBins {
  private final boolean empty;
  private final double min;
  private final double max;
  private final double[] edges;

  private NumericBins(boolean empty, double min, double max, double[] edges) {
    this.empty = empty;
    this.min = min;
    this.max = max;
    this.edges = edges;
  }

  /** {@code bins} quantile bins of {@code reference}'s finite values. */
  static NumericBins of(NumericProfile reference, int bins) {
    if (reference.finite() == 0) {
      return new NumericBins(true, Double.NaN, Double.NaN, new double[0]);
    }
    double min = reference.min();
    double max = reference.max();
    List<Double> edges = new ArrayList<>();
    for (int i = 1; i < bins; i++) {
      double edge = reference.quantile((double) i / bins);
      if (edge < max && (edges.isEmpty() || edge > edges.get(edges.size() - 1))) {
        edges.add(edge);
      }
    }
    return new NumericBins(false, min, max, edges.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Number of bins, the missing bin included. */
  int size() {
    return empty ? 2 : edges.length + 4;
  }

  double[] edges() {
    return edges.clone();
  }

  /**
   * The share of {@code profile}'s rows in each bin, in {@link #labels} order; they sum to 1 (for
   * a profile with rows). Value bins come from the profile's ranks at the edges.
   */
  double[] shares(NumericProfile profile) {
    double[] counts = new double[size()];
    double rows = profile.rows();
    counts[counts.length - 1] = profile.missing();
    if (rows == 0) {
      return counts;
    }
    if (empty) {
      counts[0] = profile.finite() + profile.negativeInfinity() + profile.positiveInfinity();
    } else {
      double finite = profile.finite();
      // cumulative[0]: finite values below min_ref; cumulative[j]: at most the j-th edge, then max_ref.
      double[] cumulative = new double[edges.length + 2];
      cumulative[0] = finite == 0 ? 0 : finite * profile.rank(min, false);
      for (int j = 0; j < edges.length; j++) {
        cumulative[j + 1] = finite == 0 ? 0 : finite * profile.rank(edges[j], true);
      }
      cumulative[edges.length + 1] = finite == 0 ? 0 : finite * profile.rank(max, true);
      counts[0] = profile.negativeInfinity() + cumulative[0];
      for (int j = 0; j <= edges.length; j++) {
        counts[j + 1] = Math.max(0, cumulative[j + 1] - cumulative[j]);
      }
      counts[edges.length + 2] = profile.positiveInfinity() + Math.max(0, finite - cumulative[edges.length + 1]);
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] /= rows;
    }
    return counts;
  }

  /** Readable names of the bins: {@code < 0.5}, {@code [0.5, 1.2]}, {@code (1.2, 3]}, ..., {@code > 9}, {@code missing}. */
  List<String> labels(DoubleFunction<String> format) {
    if (empty) {
      return List.of("any value", "missing");
    }
    List<String> labels = new ArrayList<>();
    labels.add("< " + format.apply(min));
    String open = "[";
    double lower = min;
    for (double edge : edges) {
      labels.add(open + format.apply(lower) + ", " + format.apply(edge) + "]");
      open = "(";
      lower = edge;
    }
    labels.add(open + format.apply(lower) + ", " + format.apply(max) + "]");
    labels.add("> " + format.apply(max));
    labels.add("missing");
    return labels;
  }

  /** A number as short as it can be while telling the edges apart. */
  static String formatNumber(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    String text = String.format(Locale.ROOT, "%.6g", value);
    return text.contains("e") ? text : text.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  @Override
  public String toString() {
    return "NumericBins[min=" + min + ", edges=" + Arrays.toString(edges) + ", max=" + max + "]";
  }
}
