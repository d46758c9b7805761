package dev.parity.online;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The features wanted from one view in a lookup, in the order they should be returned. */
public record ViewRequest(OnlineView view, List<String> features) {
  public ViewRequest {
    requireNonNull(view, "view is null");
    features = List.copyOf(requireNonNull(features, "features of view " + view.name() + " are null"));
    if (features.isEmpty()) {
      throw new IllegalArgumentException("no features requested from view " + view.name());
    }
  }

  /** All features of {@code view}, in its order. */
  public static ViewRequest all(OnlineView view) {
    return new ViewRequest(view, view.features().stream().map(FeatureColumn::name).toList());
  }
}
