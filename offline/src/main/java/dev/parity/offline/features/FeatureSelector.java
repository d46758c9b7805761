package dev.parity.offline.features;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a training set contains: the features of a feature service, or a list of features written
 * {@code view:feature} (feature views and on-demand views alike), in output order.
 *
 * @param service the feature service, or empty for a feature list
 * @param features the listed features (empty for a service)
 */
public record FeatureSelector(Optional<String> service, List<FeatureRef> features) {
  public FeatureSelector {
    requireNonNull(service, "service is null");
    features = List.copyOf(features);
    if (service.isPresent() == !features.isEmpty()) {
      throw new IllegalArgumentException("select either a feature service or a non-empty feature list");
    }
  }

  /** The features of the service named {@code name}, in its declaration order. */
  public static FeatureSelector service(String name) {
    return new FeatureSelector(Optional.of(requireNonNull(name, "name is null")), List.of());
  }

  /**
   * The listed features, in this order.
   *
   * @param refs {@code view:feature} strings
   * @throws TrainingSetRequestException if one is not of that form
   */
  public static FeatureSelector features(List<String> refs) {
    List<FeatureRef> parsed = new ArrayList<>();
    for (String ref : refs) {
      int colon = ref.indexOf(':');
      if (colon <= 0 || colon == ref.length() - 1 || ref.indexOf(':', colon + 1) >= 0) {
        throw new TrainingSetRequestException("feature reference '" + ref + "' is not of the form view:feature");
      }
      parsed.add(new FeatureRef(ref.substring(0, colon), ref.substring(colon + 1)));
    }
    if (parsed.isEmpty()) {
      throw new TrainingSetRequestException("the feature list is empty");
    }
    return new FeatureSelector(Optional.empty(), parsed);
  }
}
