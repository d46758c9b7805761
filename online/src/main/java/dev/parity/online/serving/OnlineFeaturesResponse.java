package dev.parity.online.serving;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The answer to a {@link OnlineFeaturesRequest}, columnar as Feast's feature server answers
 * {@code POST /get-online-features}: {@code results.get(i)} belongs to {@code
 * featureNames.get(i)}, each with one entry per entity row. The join key columns the requested
 * views use come first, then the requested features in request (or service declaration) order.
 */
public record OnlineFeaturesResponse(List<String> featureNames, List<FeatureVector> results) {
  public OnlineFeaturesResponse {
    featureNames = List.copyOf(requireNonNull(featureNames, "featureNames are null"));
    results = List.copyOf(requireNonNull(results, "results are null"));
    if (featureNames.size() != results.size()) {
      throw new IllegalArgumentException(featureNames.size() + " names for " + results.size() + " results");
    }
  }

  /**
   * The column named {@code name}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public FeatureVector column(String name) {
    int index = featureNames.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no result column '" + name + "'; there are " + featureNames);
    }
    return results.get(index);
  }

  /** Number of entity rows. */
  public int rowCount() {
    return results.isEmpty() ? 0 : results.get(0).size();
  }
}
