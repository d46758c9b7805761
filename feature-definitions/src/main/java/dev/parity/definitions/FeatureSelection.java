package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The features a service takes from one view: all of them ({@code "*"}) or a list. */
public record FeatureSelection(boolean all, List<String> features) {
  private static final FeatureSelection ALL = new FeatureSelection(true, List.of());

  public FeatureSelection {
    features = Names.identifierList(requireNonNull(features, "features is null"), "feature");
    if (all != features.isEmpty()) {
      throw new IllegalArgumentException("a feature selection is either all features or a non-empty list");
    }
  }

  /** Every feature of the view, including ones added later. */
  public static FeatureSelection allFeatures() {
    return ALL;
  }

  /** The listed features, in this order. */
  public static FeatureSelection of(String... features) {
    return new FeatureSelection(false, List.of(features));
  }
}
