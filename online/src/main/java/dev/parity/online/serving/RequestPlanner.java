package dev.parity.online.serving;

import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.DataType;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.Names;
import dev.parity.definitions.OnDemandFeatureView;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.online.KeyColumn;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.OnlineView;
import dev.parity.online.ViewRequest;
import dev.parity.online.serving.RequestPlan.Computed;
import dev.parity.online.serving.RequestPlan.KeyNeed;
import dev.parity.online.serving.RequestPlan.Output;
import dev.parity.online.serving.RequestPlan.Request;
import dev.parity.online.serving.RequestPlan.RequestField;
import dev.parity.online.serving.RequestPlan.Slot;
import dev.parity.online.serving.RequestPlan.Step;
import dev.parity.online.serving.RequestPlan.Stored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Resolves feature references against a repository into a {@link RequestPlan}. Thread-safe (stateless per call). */
final class RequestPlanner {
  private final FeatureRepository repository;
  private final OnlineViews views;
  private final List<String> viewNames = new ArrayList<>();

  RequestPlanner(FeatureRepository repository, OnlineViews views) {
    this.repository = repository;
    this.views = views;
    repository.featureViews().forEach(v -> viewNames.add(v.name()));
    repository.onDemandFeatureViews().forEach(v -> viewNames.add(v.name()));
  }

  /** The features of service {@code name}, {@code "*"} expanded. */
  List<FeatureRef> serviceFeatures(String name) {
    if (repository.featureService(name).isEmpty()) {
      List<String> services = repository.featureServices().stream().map(s -> s.name()).toList();
      throw new OnlineRequestException("unknown feature service '" + name + "'" + Names.didYouMean(name, services));
    }
    return repository.serviceFeatures(name);
  }

  /** Parses Feast-style {@code view:feature} references. */
  static List<FeatureRef> parse(List<String> features) {
    List<FeatureRef> refs = new ArrayList<>(features.size());
    for (String text : features) {
      int colon = text.indexOf(':');
      if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0) {
        throw new OnlineRequestException("feature reference '" + text + "' is not of the form view:feature");
      }
      refs.add(new FeatureRef(text.substring(0, colon), text.substring(colon + 1)));
    }
    return refs;
  }

  /**
   * @throws OnlineRequestException an unknown view or feature, a feature asked for twice, a join
   *     key or request field with two types
   * @throws ViewNotServableException a view needed is not servable
   */
  RequestPlan plan(List<FeatureRef> refs) {
    return new Planning().plan(refs);
  }

  /** The state of planning one request. */
  private final class Planning {
    private final Map<String, LinkedHashSet<String>> stored = new LinkedHashMap<>();
    private final Map<String, OnlineView> descriptors = new HashMap<>();
    private final Map<FeatureRef, Integer> stepIndex = new LinkedHashMap<>();
    private final Set<FeatureRef> visiting = new HashSet<>();
    private final Map<String, RequestField> fields = new LinkedHashMap<>();

    RequestPlan plan(List<FeatureRef> refs) {
      Set<FeatureRef> seen = new HashSet<>();
      for (FeatureRef ref : refs) {
        if (!seen.add(ref)) {
          throw new OnlineRequestException("feature " + ref.view() + ":" + ref.feature() + " is requested twice");
        }
        checkExists(ref);
        if (repository.featureView(ref.view()).isPresent()) {
          need(ref, null);
        } else {
          visit(ref);
        }
      }
      List<ViewRequest> viewRequests = new ArrayList<>();
      Map<FeatureRef, Slot> slots = new HashMap<>();
      stored.forEach((view, features) -> {
        int v = viewRequests.size();
        List<String> names = List.copyOf(features);
        viewRequests.add(new ViewRequest(descriptors.get(view), names));
        for (int f = 0; f < names.size(); f++) {
          slots.put(new FeatureRef(view, names.get(f)), new Stored(v, f, countsRows(view, names.get(f))));
        }
      });
      List<Step> steps = new ArrayList<>();
      stepIndex.forEach((ref, index) -> slots.put(ref, new Computed(index)));
      stepIndex.keySet().forEach(ref -> steps.add(step(ref, slots)));
      List<Output> outputs = refs.stream().map(ref -> new Output(ref, slots.get(ref))).toList();
      return RequestPlan.of(joinKeys(viewRequests), List.copyOf(fields.values()), viewRequests, steps, outputs);
    }

    private void checkExists(FeatureRef ref) {
      List<String> features = repository.featureNames(ref.view()).orElseThrow(() -> new OnlineRequestException(
          "unknown feature view '" + ref.view() + "'" + Names.didYouMean(ref.view(), viewNames)));
      if (!features.contains(ref.feature())) {
        throw new OnlineRequestException("feature view '" + ref.view() + "' has no feature '" + ref.feature() + "'"
            + Names.didYouMean(ref.feature(), features) + "; it has " + features);
      }
    }

    /** A feature view feature to read; {@code readBy} is the on-demand feature reading it, if any. */
    private void need(FeatureRef ref, FeatureRef readBy) {
      if (!descriptors.containsKey(ref.view())) {
        try {
          descriptors.put(ref.view(), views.view(ref.view()));
        } catch (ViewNotServableException e) {
          throw readBy == null ? e : new ViewNotServableException(e.getMessage() + " (read by on-demand feature "
              + readBy.view() + ":" + readBy.feature() + ")");
        }
      }
      stored.computeIfAbsent(ref.view(), v -> new LinkedHashSet<>()).add(ref.feature());
    }

    /** Adds on-demand feature {@code ref} after everything it reads (depth first: dependency order). */
    private void visit(FeatureRef ref) {
      if (stepIndex.containsKey(ref)) {
        return;
      }
      if (!visiting.add(ref)) {
        throw new IllegalStateException("on-demand cycle through " + ref + " passed validation");
      }
      OnDemandFeatureView view = repository.onDemandFeatureView(ref.view()).orElseThrow();
      for (String input : expression(ref).inputs()) {
        int dot = input.indexOf('.');
        if (dot < 0) {
          field(input, view.request().get(input), ref);
          continue;
        }
        FeatureRef target = new FeatureRef(input.substring(0, dot), input.substring(dot + 1));
        if (repository.featureView(target.view()).isPresent()) {
          need(target, ref);
        } else {
          visit(target);
        }
      }
      visiting.remove(ref);
      stepIndex.put(ref, stepIndex.size());
    }

    private void field(String name, DataType type, FeatureRef neededBy) {
      RequestField known = fields.putIfAbsent(name, new RequestField(name, type, neededBy));
      if (known != null && known.type() != type) {
        throw new OnlineRequestException("request data field '" + name + "' is " + known.type() + " for on-demand feature "
            + known.neededBy().view() + ":" + known.neededBy().feature() + " but " + type + " for "
            + neededBy.view() + ":" + neededBy.feature() + "; they cannot be served together");
      }
    }

    private Step step(FeatureRef ref, Map<FeatureRef, Slot> slots) {
      CompiledExpression expression = expression(ref);
      List<Slot> inputs = new ArrayList<>();
      for (String input : expression.inputs()) {
        int dot = input.indexOf('.');
        inputs.add(dot < 0 ? new Request(input) : slots.get(new FeatureRef(input.substring(0, dot), input.substring(dot + 1))));
      }
      return new Step(ref, expression, inputs);
    }

    /** Whether feature {@code feature} of view {@code view} counts rows: 0, not null, over none. */
    private boolean countsRows(String view, String feature) {
      return repository.featureView(view).flatMap(v -> v.aggregation(feature))
          .map(a -> a.function() == AggregationFunction.COUNT || a.function() == AggregationFunction.COUNT_DISTINCT)
          .orElse(false);
    }

    private CompiledExpression expression(FeatureRef ref) {
      return repository.expression(ref).orElseThrow(
          () -> new IllegalStateException("validated on-demand feature " + ref + " has no compiled expression"));
    }

    private List<KeyNeed> joinKeys(List<ViewRequest> viewRequests) {
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
}
