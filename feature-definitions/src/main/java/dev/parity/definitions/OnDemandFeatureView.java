package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Features computed at request time (and identically offline) from request data and features of
 * other views, referenced as {@code view.feature}.
 *
 * @param name identifier, unique among feature views and on-demand feature views
 * @param request request data names and types, in declaration order
 * @param features features, each with an expression
 */
public record OnDemandFeatureView(String name, Map<String, DataType> request, List<Feature> features) {
  public OnDemandFeatureView {
    Names.requireIdentifier(name, "on-demand feature view name");
    Map<String, DataType> copy = new LinkedHashMap<>();
    requireNonNull(request, "request is null")
        .forEach((field, type) -> copy.put(Names.requireIdentifier(field, "request field"), requireNonNull(type, "type of " + field)));
    request = Collections.unmodifiableMap(copy);
    features = List.copyOf(requireNonNull(features, "features is null"));
    if (features.isEmpty()) {
      throw new IllegalArgumentException("on-demand feature view '" + name + "' has no features");
    }
    Set<String> names = new HashSet<>();
    for (Feature feature : features) {
      if (feature.expr().isEmpty()) {
        throw new IllegalArgumentException("on-demand feature '" + feature.name() + "' needs an expr");
      }
      if (!names.add(feature.name())) {
        throw new IllegalArgumentException("duplicate feature '" + feature.name() + "' in on-demand feature view '" + name + "'");
      }
    }
  }

  /** Names of the features, in declaration order. */
  public List<String> featureNames() {
    return features.stream().map(Feature::name).toList();
  }

  public Optional<Feature> feature(String featureName) {
    return features.stream().filter(f -> f.name().equals(featureName)).findFirst();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Mutable builder of {@link OnDemandFeatureView}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final Map<String, DataType> request = new LinkedHashMap<>();
    private final List<Feature> features = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder request(String field, DataType type) {
      request.put(field, type);
      return this;
    }

    public Builder feature(String featureName, DataType type, String expr) {
      features.add(Feature.derived(featureName, type, expr));
      return this;
    }

    /** @throws IllegalArgumentException if the view is invalid on its own */
    public OnDemandFeatureView build() {
      return new OnDemandFeatureView(name, request, features);
    }
  }
}
