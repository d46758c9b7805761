package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named set of features a model uses: per feature view or on-demand feature view, the selected
 * features, in declaration order.
 *
 * @param name identifier, unique among services
 * @param features the selected features by view
 * @param monitoring skew thresholds of its features ({@link Monitoring#none()} without a block)
 */
public record FeatureService(String name, Map<String, FeatureSelection> features, Monitoring monitoring) {
  public FeatureService {
    requireNonNull(monitoring, "monitoring is null");
    Names.requireIdentifier(name, "feature service name");
    Map<String, FeatureSelection> copy = new LinkedHashMap<>();
    requireNonNull(features, "features is null")
        .forEach((view, selection) -> copy.put(Names.requireIdentifier(view, "view name"), requireNonNull(selection, "selection of " + view)));
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("feature service '" + name + "' selects no features");
    }
    features = Collections.unmodifiableMap(copy);
  }

  /** A service without a {@code monitoring:} block. */
  public FeatureService(String name, Map<String, FeatureSelection> features) {
    this(name, features, Monitoring.none());
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Mutable builder of {@link FeatureService}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private final Map<String, FeatureSelection> features = new LinkedHashMap<>();
    private Monitoring monitoring = Monitoring.none();

    private Builder(String name) {
      this.name = name;
    }

    /** Selects {@code featureNames} of {@code view}. */
    public Builder features(String view, String... featureNames) {
      features.put(view, FeatureSelection.of(featureNames));
      return this;
    }

    /** Selects every feature of {@code view}. */
    public Builder allFeatures(String view) {
      features.put(view, FeatureSelection.allFeatures());
      return this;
    }

    public Builder monitoring(Monitoring value) {
      this.monitoring = value;
      return this;
    }

    /** @throws IllegalArgumentException if the service is invalid on its own */
    public FeatureService build() {
      return new FeatureService(name, features, monitoring);
    }
  }
}
