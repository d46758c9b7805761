package dev.parity.offline.features;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.SelectionException;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.selection.ResolvedSelection;
import dev.parity.definitions.selection.SelectedFeature;
import dev.parity.definitions.selection.SelectionResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A selection resolved against a repository: the output features with their types and column
 * names, the features of each feature view the join must produce (selected ones and the inputs of
 * selected on-demand features), the on-demand features to compute in dependency order, and the
 * request fields they read.
 */
final class SelectionPlan {
  /** One output feature; {@code column} is its name in the output file. */
  record Output(FeatureRef ref, DataType type, String column, boolean onDemand) {}

  /** A request field and the on-demand view that first needs it (for error messages). */
  record RequestField(String name, DataType type, String view) {}

  final FeatureRepository repository;
  final List<Output> outputs = new ArrayList<>();
  /** Feature view to the features the join must produce, in order of first need. */
  final Map<String, Set<String>> viewFeatures = new LinkedHashMap<>();
  /** On-demand features to compute, each after the on-demand features it reads. */
  final List<FeatureRef> onDemandOrder = new ArrayList<>();
  final Map<String, RequestField> requestFields = new LinkedHashMap<>();

  private SelectionPlan(FeatureRepository repository) {
    this.repository = repository;
  }

  /**
   * The plan of {@code selector}, resolved by {@link SelectionResolver} (the resolution the online
   * path shares), with output columns named {@code view__feature} when {@code fullNames}.
   *
   * @throws dev.parity.definitions.UnknownDefinitionException an unknown service, view or feature
   * @throws dev.parity.definitions.SelectionException a feature selected twice, clashing output
   *     names, a request field read with two types
   */
  static SelectionPlan resolve(FeatureRepository repository, FeatureSelector selector, boolean fullNames) {
    ResolvedSelection selection = SelectionResolver.resolve(repository, selector);
    selection.nameConflict(fullNames).ifPresent(message -> {
      throw new SelectionException(message);
    });
    SelectionPlan plan = new SelectionPlan(repository);
    for (SelectedFeature feature : selection.features()) {
      plan.outputs.add(new Output(feature.ref(), feature.type(), feature.outputName(fullNames), feature.onDemand()));
    }
    selection.views().forEach(read -> plan.viewFeatures.put(read.view(), new LinkedHashSet<>(read.features())));
    plan.onDemandOrder.addAll(selection.onDemandOrder());
    selection.requestFields().forEach(field -> plan.requestFields.put(field.name(),
        new RequestField(field.name(), field.type(), field.neededBy().view())));
    return plan;
  }

  /** The column of a feature view's feature in the engine's output. */
  static String joinedColumn(FeatureRef ref) {
    return ref.view() + "__" + ref.feature();
  }
}
