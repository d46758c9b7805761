package dev.parity.online.serving;

import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.definitions.selection.FeatureSelector;
import dev.parity.definitions.selection.ResolvedSelection;
import dev.parity.definitions.selection.SelectedFeature;
import dev.parity.definitions.selection.SelectionResolver;
import dev.parity.definitions.selection.ViewRead;
import dev.parity.online.KeyColumn;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.OnlineView;
import dev.parity.online.ViewRequest;
import dev.parity.online.serving.RequestPlan.Computed;
import dev.parity.online.serving.RequestPlan.KeyNeed;
import dev.parity.online.serving.RequestPlan.Output;
import dev.parity.online.serving.RequestPlan.Request;
import dev.parity.online.serving.RequestPlan.Slot;
import dev.parity.online.serving.RequestPlan.Step;
import dev.parity.online.serving.RequestPlan.Stored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a selection, resolved by {@link SelectionResolver} (the resolution both paths share),
 * into a {@link RequestPlan}: the servable view descriptors to read, where each on-demand input
 * and output comes from. Thread-safe (stateless per call).
 */
final class RequestPlanner {
  private final FeatureRepository repository;
  private final OnlineViews views;

  RequestPlanner(FeatureRepository repository, OnlineViews views) {
    this.repository = repository;
    this.views = views;
  }

  /**
   * @throws dev.parity.definitions.UnknownDefinitionException an unknown service, view or feature
   * @throws dev.parity.definitions.SelectionException a feature asked for twice, a request field
   *     with two types
   * @throws OnlineRequestException a join key with two types
   * @throws ViewNotServableException a view needed is not servable
   */
  RequestPlan plan(FeatureSelector selector) {
    ResolvedSelection selection = SelectionResolver.resolve(repository, selector);
    List<ViewRequest> viewRequests = new ArrayList<>();
    Map<FeatureRef, Slot> slots = new HashMap<>();
    for (ViewRead read : selection.views()) {
      int v = viewRequests.size();
      viewRequests.add(new ViewRequest(descriptor(read), read.features()));
      for (int f = 0; f < read.features().size(); f++) {
        String feature = read.features().get(f);
        FeatureRef ref = new FeatureRef(read.view(), feature);
        slots.put(ref, new Stored(v, f, countsRows(read.view(), feature), repository.defaultValue(ref).orElse(null)));
      }
    }
    List<FeatureRef> order = selection.onDemandOrder();
    for (int s = 0; s < order.size(); s++) {
      slots.put(order.get(s), new Computed(s));
    }
    List<Step> steps = order.stream().map(ref -> step(ref, slots)).toList();
    List<Output> outputs = selection.features().stream().map(SelectedFeature::ref)
        .map(ref -> new Output(ref, slots.get(ref))).toList();
    return new RequestPlan(joinKeys(viewRequests), selection.requestFields(), viewRequests, steps, outputs,
        selection.nameConflict(false), selection.nameConflict(true));
  }

  private OnlineView descriptor(ViewRead read) {
    try {
      return views.view(read.view());
    } catch (ViewNotServableException e) {
      Optional<FeatureRef> by = read.readBy();
      throw by.isEmpty() ? e : new ViewNotServableException(e.getMessage() + " (read by on-demand feature "
          + by.get().requestForm() + ")");
    }
  }

  private Step step(FeatureRef ref, Map<FeatureRef, Slot> slots) {
    CompiledExpression expression = repository.expression(ref).orElseThrow(
        () -> new IllegalStateException("validated on-demand feature " + ref + " has no compiled expression"));
    List<Slot> inputs = new ArrayList<>();
    for (String input : expression.inputs()) {
      inputs.add(FeatureRef.ofInput(input).<Slot>map(slots::get).orElseGet(() -> new Request(input)));
    }
    return new Step(ref, expression, inputs);
  }

  /** Whether feature {@code feature} of view {@code view} counts rows: 0, not null, over none. */
  private boolean countsRows(String view, String feature) {
    return repository.featureView(view).flatMap(v -> v.aggregation(feature))
        .map(a -> a.function() == AggregationFunction.COUNT || a.function() == AggregationFunction.COUNT_DISTINCT)
        .orElse(false);
  }

  private static List<KeyNeed> joinKeys(List<ViewRequest> viewRequests) {
    Map<String, KeyNeed> keys = new LinkedHashMap<>();
    for (ViewRequest request : viewRequests) {
      for (KeyColumn key : request.view().joinKeys()) {
        KeyNeed known = keys.putIfAbsent(key.name(), new KeyNeed(key, request.view().name()));
        if (known != null && known.key().type() != key.type()) {
          throw new OnlineRequestException("join key '" + key.name() + "' is " + known.key().type() + " in feature view '"
              + known.view() + "' but " + key.type() + " in '" + request.view().name() + "'; they cannot be served together");
        }
      }
    }
    return List.copyOf(keys.values());
  }
}
