package dev.parity.definitions.selection;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRef;
import java.util.List;
import java.util.Optional;

/**
 * A feature view a selection reads and the features it needs of it: the selected ones and the
 * inputs of selected on-demand features, in order of first need.
 *
 * @param view the feature view
 * @param features its features to read
 * @param readBy the on-demand feature through which the view was first needed, or empty when a
 *     feature of it was selected directly first (for error messages)
 */
public record ViewRead(String view, List<String> features, Optional<FeatureRef> readBy) {
  public ViewRead {
    requireNonNull(view, "view is null");
    features = List.copyOf(features);
    requireNonNull(readBy, "readBy is null");
  }
}
