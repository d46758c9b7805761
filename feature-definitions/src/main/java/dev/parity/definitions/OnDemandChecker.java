package dev.parity.definitions;

import dev.parity.definitions.ExpressionChecker.Resolution;
import dev.parity.definitions.expr.CompiledExpression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks on-demand feature views: references ({@code view.feature} and request fields), cycles
 * between on-demand views (their versions include each other's, so a cycle cannot be versioned),
 * and compiles their expressions.
 */
final class OnDemandChecker {
  private final RepositoryValidator repo;
  private final Problems problems;
  /** On-demand view to the on-demand views it reads, with the feature whose expr first does. */
  private final Map<String, Map<String, String>> edges = new TreeMap<>();

  OnDemandChecker(RepositoryValidator repo) {
    this.repo = repo;
    this.problems = repo.problems;
  }

  void check() {
    for (OnDemandFeatureView view : repo.onDemandViews.values()) {
      view.features().forEach(f -> repo.featureTypes.put(new FeatureRef(view.name(), f.name()), f.type()));
      // The YAML reader refuses these already; a repository built in code is held to the same rule.
      view.features().stream().filter(f -> f.defaultValue().isPresent()).forEach(f -> problems.error(
          Problems.path(ObjectKind.ON_DEMAND_FEATURE_VIEW, view.name(), "features", f.name(), "default"),
          "on-demand feature '" + f.name() + "' cannot declare a default: declare defaults on the feature-view features"
              + " it reads, or use coalesce(...) in its expr"));
    }
    for (OnDemandFeatureView view : repo.onDemandViews.values()) {
      Map<String, String> targets = new LinkedHashMap<>();
      for (Feature feature : view.features()) {
        List<String> names =
            repo.expressions.referencedNames(exprPath(view, feature), feature.expr().get()).orElse(List.of());
        for (String name : names) {
          int dot = name.indexOf('.');
          if (dot > 0 && repo.onDemandViews.containsKey(name.substring(0, dot))) {
            targets.putIfAbsent(name.substring(0, dot), feature.name());
          }
        }
      }
      edges.put(view.name(), targets);
    }
    Set<String> cyclic = reportCycles();
    for (OnDemandFeatureView view : repo.onDemandViews.values()) {
      if (cyclic.contains(view.name())) {
        continue;
      }
      for (Feature feature : view.features()) {
        compile(view, feature);
      }
    }
  }

  private static String exprPath(OnDemandFeatureView view, Feature feature) {
    return Problems.path(ObjectKind.ON_DEMAND_FEATURE_VIEW, view.name(), "features", feature.name(), "expr");
  }

  private void compile(OnDemandFeatureView view, Feature feature) {
    String path = exprPath(view, feature);
    Optional<CompiledExpression> compiled = repo.expressions.compile(path, feature.expr().get(), name -> resolve(view, name));
    compiled.ifPresent(
        c -> {
          if (c.type() != feature.type()) {
            problems.error(path, "expression has type " + c.type() + " but feature '" + feature.name() + "' is declared " + feature.type());
          } else {
            repo.compiled.put(new FeatureRef(view.name(), feature.name()), c);
          }
        });
  }

  private Resolution resolve(OnDemandFeatureView view, String name) {
    int dot = name.indexOf('.');
    if (dot < 0) {
      DataType type = view.request().get(name);
      return type != null
          ? Resolution.typed(type)
          : Resolution.unknown(
              "unknown request field '" + name + "' of on-demand feature view '" + view.name() + "'"
                  + Names.didYouMean(name, view.request().keySet()));
    }
    String target = name.substring(0, dot);
    String feature = name.substring(dot + 1);
    Optional<List<String>> features = repo.featureNames(target);
    if (features.isEmpty()) {
      if (problems.isUnreadable(ObjectKind.FEATURE_VIEW, target) || problems.isUnreadable(ObjectKind.ON_DEMAND_FEATURE_VIEW, target)) {
        return Resolution.skip();
      }
      return Resolution.unknown("unknown feature view '" + target + "'" + Names.didYouMean(target, repo.allViewNames()));
    }
    if (!features.get().contains(feature)) {
      return Resolution.unknown(
          "unknown feature '" + feature + "' in feature view '" + target + "'" + Names.didYouMean(feature, features.get()));
    }
    DataType type = repo.featureTypes.get(new FeatureRef(target, feature));
    // No type: the feature's own definition has an error, reported there.
    return type == null ? Resolution.skip() : Resolution.typed(type);
  }

  /** Reports each cycle once, at the first view of the cycle in name order; returns views on cycles. */
  private Set<String> reportCycles() {
    Set<String> onCycle = new HashSet<>();
    Set<List<String>> reported = new HashSet<>();
    for (String start : edges.keySet()) {
      findCycles(start, new ArrayList<>(List.of(start)), onCycle, reported);
    }
    return onCycle;
  }

  private void findCycles(String node, List<String> stack, Set<String> onCycle, Set<List<String>> reported) {
    for (String next : edges.getOrDefault(node, Map.of()).keySet()) {
      int index = stack.indexOf(next);
      if (index >= 0) {
        List<String> cycle = new ArrayList<>(stack.subList(index, stack.size()));
        onCycle.addAll(cycle);
        List<String> normalized = rotateToSmallest(cycle);
        if (reported.add(normalized)) {
          String first = normalized.get(0);
          String second = normalized.size() > 1 ? normalized.get(1) : first;
          OnDemandFeatureView view = repo.onDemandViews.get(first);
          Feature feature = view.feature(edges.get(first).get(second)).orElseThrow();
          List<String> shown = new ArrayList<>(normalized);
          shown.add(first);
          problems.error(
              exprPath(view, feature),
              ExpressionChecker.offsetOf(feature.expr().get(), second),
              "on-demand cycle: " + String.join(" -> ", shown));
        }
      } else if (stack.size() <= repo.onDemandViews.size()) {
        stack.add(next);
        findCycles(next, stack, onCycle, reported);
        stack.remove(stack.size() - 1);
      }
    }
  }

  private static List<String> rotateToSmallest(List<String> cycle) {
    int smallest = 0;
    for (int i = 1; i < cycle.size(); i++) {
      if (cycle.get(i).compareTo(cycle.get(smallest)) < 0) {
        smallest = i;
      }
    }
    List<String> rotated = new ArrayList<>(cycle.subList(smallest, cycle.size()));
    rotated.addAll(cycle.subList(0, smallest));
    return rotated;
  }
}
