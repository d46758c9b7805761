package dev.parity.online.servinglog;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;

/**
 * One served feature as the log records it.
 *
 * @param view the feature view or on-demand feature view
 * @param feature the feature's name in that view
 * @param type the feature's type; logged values are of this type
 * @param viewVersion the definition version of the view the value was served under
 */
public record ServedFeature(String view, String feature, DataType type, String viewVersion) {
  public ServedFeature {
    requireNonNull(view, "view is null");
    requireNonNull(feature, "feature is null");
    requireNonNull(type, "type of " + view + ":" + feature + " is null");
    requireNonNull(viewVersion, "view version of " + view + ":" + feature + " is null");
  }

  /** {@code view__feature}, the name of the feature's column in logs and training sets. */
  public String fullName() {
    return view + "__" + feature;
  }
}
