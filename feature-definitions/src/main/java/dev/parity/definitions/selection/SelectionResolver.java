package dev.parity.definitions.selection;

import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureService;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Names;
import dev.parity.definitions.OnDemandFeatureView;
import dev.parity.definitions.SelectionException;
import dev.parity.definitions.UnknownDefinitionException;
import dev.parity.definitions.expr.CompiledExpression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a {@link FeatureSelector} against a repository, the one place where feature references
 * are walked: services expanded ({@code "*"} included), every name checked, on-demand features
 * followed to the feature views and request fields they read (depth first, so each on-demand
 * feature comes after what it reads). Stateless and thread-safe.
 */
public final class SelectionResolver {
  private SelectionResolver() {}

  /**
   * @throws UnknownDefinitionException an unknown feature service, view or feature
   * @throws SelectionException a feature selected twice, or a request field that two on-demand
   *     features read with different types
   */
  public static ResolvedSelection resolve(FeatureRepository repository, FeatureSelector selector) {
    List<FeatureRef> refs = selector.service().map(name -> serviceFeatures(repository, name)).orElse(selector.features());
    return new Walk(repository).resolve(selector.service(), refs);
  }

  /**
   * The features service {@code name} selects, in declaration order.
   *
   * @throws UnknownDefinitionException there is no such service
   */
  public static List<FeatureRef> serviceFeatures(FeatureRepository repository, String name) {
    requireService(repository, name);
    return repository.serviceFeatures(name);
  }

  /**
   * Checks that feature service {@code name} exists.
   *
   * @throws UnknownDefinitionException it does not
   */
  public static void requireService(FeatureRepository repository, String name) {
    if (repository.featureService(name).isEmpty()) {
      throw new UnknownDefinitionException("unknown feature service '" + name + "'"
          + Names.didYouMean(name, repository.featureServices().stream().map(FeatureService::name).toList()));
    }
  }

  /**
   * Checks that view {@code view} exists, as a feature view or an on-demand view.
   *
   * @throws UnknownDefinitionException it does not
   */
  public static void requireView(FeatureRepository repository, String view) {
    if (repository.featureNames(view).isEmpty()) {
      throw unknownView(repository, view);
    }
  }

  private static UnknownDefinitionException unknownView(FeatureRepository repository, String view) {
    List<String> views = new ArrayList<>();
    repository.featureViews().forEach(v -> views.add(v.name()));
    repository.onDemandFeatureViews().forEach(v -> views.add(v.name()));
    return new UnknownDefinitionException("unknown feature view '" + view + "'" + Names.didYouMean(view, views));
  }

  /** The state of resolving one selection. */
  private static final class Walk {
    private final FeatureRepository repository;
    private final Map<String, LinkedHashSet<String>> viewFeatures = new LinkedHashMap<>();
    private final Map<String, Optional<FeatureRef>> readBy = new LinkedHashMap<>();
    private final LinkedHashSet<FeatureRef> onDemandOrder = new LinkedHashSet<>();
    private final Set<FeatureRef> visiting = new HashSet<>();
    private final Map<String, RequestField> requestFields = new LinkedHashMap<>();

    Walk(FeatureRepository repository) {
      this.repository = repository;
    }

    ResolvedSelection resolve(Optional<String> service, List<FeatureRef> refs) {
      List<SelectedFeature> features = new ArrayList<>(refs.size());
      Set<FeatureRef> seen = new HashSet<>();
      for (FeatureRef ref : refs) {
        if (!seen.add(ref)) {
          throw new SelectionException("feature " + ref.requestForm() + " is selected twice");
        }
        DataType type = check(ref);
        boolean onDemand = repository.onDemandFeatureView(ref.view()).isPresent();
        features.add(new SelectedFeature(ref, type, onDemand));
        if (onDemand) {
          visit(ref);
        } else {
          need(ref, Optional.empty());
        }
      }
      List<ViewRead> views = new ArrayList<>();
      Set<String> joinKeys = new LinkedHashSet<>();
      viewFeatures.forEach((view, names) -> {
        views.add(new ViewRead(view, List.copyOf(names), readBy.get(view)));
        FeatureView definition = repository.featureView(view).orElseThrow();
        definition.entities().forEach(entity -> repository.entity(entity)
            .ifPresent(e -> joinKeys.addAll(e.joinKeys())));
      });
      return new ResolvedSelection(service, features, views, List.copyOf(onDemandOrder),
          List.copyOf(requestFields.values()), List.copyOf(joinKeys));
    }

    private DataType check(FeatureRef ref) {
      List<String> names = repository.featureNames(ref.view()).orElseThrow(() -> unknownView(repository, ref.view()));
      if (!names.contains(ref.feature())) {
        throw new UnknownDefinitionException("feature view '" + ref.view() + "' has no feature '" + ref.feature() + "'"
            + Names.didYouMean(ref.feature(), names) + "; it has " + names);
      }
      return repository.featureType(ref).orElseThrow(
          () -> new IllegalStateException("validated feature " + ref + " has no type"));
    }

    /** A feature view's feature to read; {@code by} is the on-demand feature reading it, if any. */
    private void need(FeatureRef ref, Optional<FeatureRef> by) {
      readBy.putIfAbsent(ref.view(), by);
      viewFeatures.computeIfAbsent(ref.view(), v -> new LinkedHashSet<>()).add(ref.feature());
    }

    /** Adds on-demand feature {@code ref} after everything it reads (depth first: dependency order). */
    private void visit(FeatureRef ref) {
      if (onDemandOrder.contains(ref)) {
        return;
      }
      if (!visiting.add(ref)) {
        throw new IllegalStateException("on-demand cycle through " + ref + " passed validation");
      }
      OnDemandFeatureView view = repository.onDemandFeatureView(ref.view()).orElseThrow();
      CompiledExpression expression = repository.expression(ref).orElseThrow(
          () -> new IllegalStateException("validated on-demand feature " + ref + " has no compiled expression"));
      for (String input : expression.inputs()) {
        Optional<FeatureRef> target = FeatureRef.ofInput(input);
        if (target.isEmpty()) {
          field(input, view.request().get(input), ref);
        } else if (repository.featureView(target.get().view()).isPresent()) {
          need(target.get(), Optional.of(ref));
        } else {
          visit(target.get());
        }
      }
      visiting.remove(ref);
      onDemandOrder.add(ref);
    }

    private void field(String name, DataType type, FeatureRef neededBy) {
      RequestField known = requestFields.putIfAbsent(name, new RequestField(name, type, neededBy));
      if (known != null && known.type() != type) {
        throw new SelectionException("request data field '" + name + "' is " + known.type() + " for on-demand feature "
            + known.neededBy().requestForm() + " but " + type + " for " + neededBy.requestForm()
            + "; they cannot be served together");
      }
    }
  }
}
