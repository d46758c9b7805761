package dev.parity.definitions.selection;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.FeatureRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A selection checked against a repository: the one answer to "which features, of which types,
 * from which views, under which output names, needing which join keys and request fields" that the
 * online and offline paths share. Immutable.
 *
 * @param service the feature service selected, or empty for a feature list
 * @param features the selected features in output order
 * @param views the feature views to read, with the features needed of each, in order of first need
 * @param onDemandOrder the on-demand features to compute, each after the on-demand features it reads
 * @param requestFields the request data fields the on-demand features read, in order of first need
 * @param joinKeys the join keys of the entities of {@code views}, in order of first need
 */
public record ResolvedSelection(
    Optional<String> service,
    List<SelectedFeature> features,
    List<ViewRead> views,
    List<FeatureRef> onDemandOrder,
    List<RequestField> requestFields,
    List<String> joinKeys) {

  public ResolvedSelection {
    requireNonNull(service, "service is null");
    features = List.copyOf(features);
    views = List.copyOf(views);
    onDemandOrder = List.copyOf(onDemandOrder);
    requestFields = List.copyOf(requestFields);
    joinKeys = List.copyOf(joinKeys);
  }

  /** The output names of {@link #features}, in order (see {@link SelectedFeature#outputName}). */
  public List<String> outputNames(boolean fullNames) {
    List<String> names = new ArrayList<>(features.size());
    features.forEach(f -> names.add(f.outputName(fullNames)));
    return names;
  }

  /**
   * Why the output columns cannot be named this way, if they cannot: two features, or a feature and
   * a join key, would share a name.
   */
  public Optional<String> nameConflict(boolean fullNames) {
    Map<String, String> owners = new HashMap<>();
    joinKeys.forEach(key -> owners.put(key, "the join key column"));
    for (SelectedFeature feature : features) {
      String name = feature.outputName(fullNames);
      String me = feature.ref().requestForm();
      String owner = owners.putIfAbsent(name, me);
      if (owner != null) {
        return Optional.of("result column '" + name + "' would be both " + owner + " and " + me
            + (fullNames ? "" : "; ask for full feature names (view__feature)"));
      }
    }
    return Optional.empty();
  }
}
