package dev.parity.offline.features;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.Names;
import dev.parity.definitions.OnDemandFeatureView;
import dev.parity.definitions.expr.CompiledExpression;
import java.util.ArrayList;
import java.util.HashMap;
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
   * @throws TrainingSetRequestException for an unknown service, view or feature, a feature
   *     selected twice, or clashing plain names
   */
  static SelectionPlan resolve(FeatureRepository repository, FeatureSelector selector, boolean fullNames) {
    SelectionPlan plan = new SelectionPlan(repository);
    List<FeatureRef> refs;
    if (selector.service().isPresent()) {
      String service = selector.service().get();
      if (repository.featureService(service).isEmpty()) {
        throw new TrainingSetRequestException("unknown feature service '" + service + "'"
            + Names.didYouMean(service, repository.featureServices().stream().map(s -> s.name()).toList()));
      }
      refs = repository.serviceFeatures(service);
    } else {
      refs = selector.features();
    }
    Map<String, FeatureRef> columns = new HashMap<>();
    for (FeatureRef ref : refs) {
      DataType type = plan.check(ref);
      boolean onDemand = repository.onDemandFeatureView(ref.view()).isPresent();
      String column = fullNames ? ref.view() + "__" + ref.feature() : ref.feature();
      FeatureRef previous = columns.putIfAbsent(column, ref);
      if (previous != null) {
        throw new TrainingSetRequestException(previous.equals(ref)
            ? "feature " + ref.view() + ":" + ref.feature() + " is selected twice"
            : "output column '" + column + "' would hold both " + previous.view() + ":" + previous.feature()
                + " and " + ref.view() + ":" + ref.feature() + "; ask for full view__feature names");
      }
      plan.outputs.add(new Output(ref, type, column, onDemand));
      if (onDemand) {
        plan.visitOnDemand(ref);
      } else {
        plan.viewFeatures.computeIfAbsent(ref.view(), v -> new LinkedHashSet<>()).add(ref.feature());
      }
    }
    return plan;
  }

  private DataType check(FeatureRef ref) {
    List<String> names = repository.featureNames(ref.view()).orElseThrow(() -> new TrainingSetRequestException(
        "unknown feature view '" + ref.view() + "'" + Names.didYouMean(ref.view(), allViews())));
    if (!names.contains(ref.feature())) {
      throw new TrainingSetRequestException("feature view '" + ref.view() + "' has no feature '" + ref.feature() + "'"
          + Names.didYouMean(ref.feature(), names));
    }
    return repository.featureType(ref).orElseThrow();
  }

  private List<String> allViews() {
    List<String> views = new ArrayList<>();
    repository.featureViews().forEach(v -> views.add(v.name()));
    repository.onDemandFeatureViews().forEach(v -> views.add(v.name()));
    return views;
  }

  /** Adds the inputs of an on-demand feature, then the feature itself (the repository has no cycles). */
  private void visitOnDemand(FeatureRef ref) {
    if (onDemandOrder.contains(ref)) {
      return;
    }
    OnDemandFeatureView view = repository.onDemandFeatureView(ref.view()).orElseThrow();
    CompiledExpression expression = repository.expression(ref).orElseThrow();
    for (String input : expression.inputs()) {
      int dot = input.indexOf('.');
      if (dot < 0) {
        DataType type = view.request().get(input);
        RequestField field = requestFields.putIfAbsent(input, new RequestField(input, type, view.name()));
        if (field != null && field.type() != type) {
          throw new TrainingSetRequestException("request field '" + input + "' is " + field.type()
              + " in on-demand feature view '" + field.view() + "' but " + type + " in '" + view.name() + "'");
        }
        continue;
      }
      FeatureRef target = new FeatureRef(input.substring(0, dot), input.substring(dot + 1));
      if (repository.onDemandFeatureView(target.view()).isPresent()) {
        visitOnDemand(target);
      } else {
        viewFeatures.computeIfAbsent(target.view(), v -> new LinkedHashSet<>()).add(target.feature());
      }
    }
    onDemandOrder.add(ref);
  }

  /** The column of a feature view's feature in the engine's output. */
  static String joinedColumn(FeatureRef ref) {
    return ref.view() + "__" + ref.feature();
  }
}
