package dev.parity.definitions.selection;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.SelectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a request selects: the features of a feature service, or a list of features (feature views'
 * and on-demand views' alike), in output order. Not yet checked against a repository: see {@link
 * SelectionResolver}.
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
   * @param refs references written {@code view:feature} (or {@code view.feature})
   * @throws SelectionException if the list is empty or a reference is of neither form
   */
  public static FeatureSelector features(List<String> refs) {
    List<FeatureRef> parsed = new ArrayList<>(refs.size());
    for (String ref : refs) {
      if (ref == null) {
        throw new SelectionException("the feature list holds a null; give references written view:feature");
      }
      parsed.add(FeatureRef.parse(ref));
    }
    if (parsed.isEmpty()) {
      throw new SelectionException("the feature list is empty");
    }
    return new FeatureSelector(Optional.empty(), parsed);
  }
}
