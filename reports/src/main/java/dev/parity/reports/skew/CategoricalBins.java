package dev.parity.reports.skew;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * Bins of a categorical feature, computed once from the reference profile and applied identically
 * to both sides: the reference's {@code K} most frequent categories (most frequent first, ties in
 * text order), then {@code other} (every other category, including any the reference never had)
 * and {@code missing} (null). Shares are of all rows. Immutable.
 */
final class CategoricalBins {
  static final String OTHER = "other";
  static final String MISSING = "missing";

  private final List<String> categories;

  private CategoricalBins(List<String> categories) {
    this.categories = List.copyOf(categories);
  }

  static CategoricalBins of(CategoricalProfile reference, int topK) {
    List<ItemsSketch.Row<String>> rows = new ArrayList<>(Arrays.asList(reference.categories()));
    rows.sort(Comparator.<ItemsSketch.Row<String>>comparingLong(r -> -r.getEstimate()).thenComparing(ItemsSketch.Row::getItem));
    List<String> top = new ArrayList<>();
    for (int i = 0; i < rows.size() && top.size() < topK; i++) {
      if (rows.get(i).getEstimate() > 0) {
        top.add(rows.get(i).getItem());
      }
    }
    return new CategoricalBins(top);
  }

  List<String> categories() {
    return categories;
  }

  int size() {
    return categories.size() + 2;
  }

  /** The share of {@code profile}'s rows in each bin, in {@link #labels} order. */
  double[] shares(CategoricalProfile profile) {
    double[] shares = new double[size()];
    double rows = profile.rows();
    if (rows == 0) {
      return shares;
    }
    long counted = 0;
    for (int i = 0; i < categories.size(); i++) {
      long count = Math.min(profile.count(categories.get(i)), profile.present() - counted);
      counted += count;
      shares[i] = count / rows;
    }
    shares[categories.size()] = (profile.present() - counted) / rows;
    shares[categories.size() + 1] = profile.missing() / rows;
    return shares;
  }

  /** The categories, then {@code other} and {@code missing}. */
  List<String> labels() {
    List<String> labels = new ArrayList<>(categories);
    labels.add(OTHER);
    labels.add(MISSING);
    return labels;
  }
}
