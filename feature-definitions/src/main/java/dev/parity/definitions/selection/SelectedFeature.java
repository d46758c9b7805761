package dev.parity.definitions.selection;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;

/**
 * One feature of a resolved selection, in output order.
 *
 * @param ref the feature
 * @param type its declared (or inferred) type
 * @param onDemand whether it is computed at request time from other features and request data
 */
public record SelectedFeature(FeatureRef ref, DataType type, boolean onDemand) {
  public SelectedFeature {
    requireNonNull(ref, "ref is null");
    requireNonNull(type, "type is null");
  }

  /**
   * The name of its output column (training sets) and of its result (online): {@code
   * view__feature} with full names, else the feature's own name.
   */
  public String outputName(boolean fullNames) {
    return fullNames ? ref.view() + "__" + ref.feature() : ref.feature();
  }
}
