package dev.parity.reports.consistency;

import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.selection.RequestField;
import dev.parity.definitions.selection.ResolvedSelection;
import dev.parity.definitions.selection.SelectedFeature;
import dev.parity.definitions.selection.SelectionResolver;
import dev.parity.definitions.selection.ViewRead;
import dev.parity.definitions.version.RepositoryVersions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one selected feature depends on: the feature views whose materialized values it is served
 * from (itself, or those an on-demand feature reads, transitively), the request fields it reads,
 * and the current definition version of each view involved.
 *
 * @param feature the feature
 * @param storedViews the feature views its served value comes from
 * @param requestFields the request data fields it reads (on-demand features only)
 * @param versions the current version of its own view and of every view it reads
 */
record FeatureDependencies(SelectedFeature feature, List<String> storedViews, Set<String> requestFields,
    Map<String, String> versions) {

  /** The dependencies of each feature of {@code selection}, in its order. */
  static List<FeatureDependencies> of(FeatureRepository repository, ResolvedSelection selection) {
    RepositoryVersions current = RepositoryVersions.of(repository);
    return selection.features().stream().map(feature -> {
      ResolvedSelection alone = SelectionResolver.resolve(repository,
          FeatureSelector.features(List.of(feature.ref().requestForm())));
      List<String> views = alone.views().stream().map(ViewRead::view).toList();
      Map<String, String> versions = new LinkedHashMap<>();
      versions.put(feature.ref().view(), current.version(
          feature.onDemand() ? ObjectKind.ON_DEMAND_FEATURE_VIEW : ObjectKind.FEATURE_VIEW, feature.ref().view()));
      views.forEach(v -> versions.putIfAbsent(v, current.version(ObjectKind.FEATURE_VIEW, v)));
      alone.onDemandOrder().forEach(odfv -> versions.putIfAbsent(odfv.view(),
          current.version(ObjectKind.ON_DEMAND_FEATURE_VIEW, odfv.view())));
      return new FeatureDependencies(feature, views,
          alone.requestFields().stream().map(RequestField::name).collect(Collectors.toUnmodifiableSet()),
          Map.copyOf(versions));
    }).toList();
  }
}
