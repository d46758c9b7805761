package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

/**
 * One feature of a feature view or on-demand feature view; also an aggregation, which is a
 * feature of its view. Written {@code view.feature} in expressions.
 */
public record FeatureRef(String view, String feature) {
  public FeatureRef {
    requireNonNull(view, "view is null");
    requireNonNull(feature, "feature is null");
  }

  @Override
  public String toString() {
    return view + "." + feature;
  }
}
