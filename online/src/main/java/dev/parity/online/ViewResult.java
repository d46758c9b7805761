package dev.parity.online;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Values looked up from one view: {@code values.get(row).get(feature)}, rows in the order of the
 * entity rows, features in the order of {@link ViewRequest#features()}.
 */
public record ViewResult(ViewRequest request, List<List<FeatureValue>> values) {
  public ViewResult {
    requireNonNull(request, "request is null");
    values = List.copyOf(requireNonNull(values, "values are null"));
  }

  /** The value of feature {@code feature} (index in the request) for entity row {@code row}. */
  public FeatureValue value(int row, int feature) {
    return values.get(row).get(feature);
  }

  /** The value of the feature named {@code feature} for entity row {@code row}. */
  public FeatureValue value(int row, String feature) {
    int index = request.features().indexOf(feature);
    if (index < 0) {
      throw new IllegalArgumentException("feature " + feature + " was not requested from view " + request.view().name());
    }
    return value(row, index);
  }
}
