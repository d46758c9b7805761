package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Features of one or more entities read from one source: either point-in-time features (plain
 * columns or row expressions) or windowed aggregations, not both.
 *
 * @param name identifier, unique among feature views and on-demand feature views
 * @param entities entity names, in key order
 * @param source source name
 * @param ttl rows older than this at lookup time are not used; {@link Duration#ZERO}: no limit
 * @param online whether materialization writes this view to the online store
 * @param features point-in-time features
 * @param aggregations windowed aggregations
 * @param validation optional data validation rules
 * @param monitoring skew thresholds of its features ({@link Monitoring#none()} without a block)
 */
public record FeatureView(
    String name,
    List<String> entities,
    String source,
    Duration ttl,
    boolean online,
    List<Feature> features,
    List<Aggregation> aggregations,
    Optional<ValidationRules> validation,
    Monitoring monitoring) {

  public FeatureView {
    Names.requireIdentifier(name, "feature view name");
    entities = Names.identifierList(entities, "entity");
    if (entities.isEmpty()) {
      throw new IllegalArgumentException("feature view '" + name + "' has no entities");
    }
    Names.requireIdentifier(source, "source name");
    requireNonNull(ttl, "ttl is null");
    if (ttl.isNegative() || ttl.getNano() != 0) {
      throw new IllegalArgumentException("feature view '" + name + "' needs a ttl of whole seconds >= 0");
    }
    features = List.copyOf(requireNonNull(features, "features is null"));
    aggregations = List.copyOf(requireNonNull(aggregations, "aggregations is null"));
    requireNonNull(validation, "validation is null");
    requireNonNull(monitoring, "monitoring is null");
    if (features.isEmpty() == aggregations.isEmpty()) {
      throw new IllegalArgumentException(
          "feature view '" + name + "' needs either features or aggregations (not both, not neither)");
    }
    for (Aggregation aggregation : aggregations) {
      // Online a value older than the ttl is withheld; offline an aggregation covers its window.
      if (!ttl.isZero() && ttl.compareTo(aggregation.window()) < 0) {
        throw new IllegalArgumentException("feature view '" + name + "': ttl " + Durations.format(ttl)
            + " is shorter than the window of aggregation '" + aggregation.name() + "' (" + Durations.format(aggregation.window())
            + "); use ttl 0 or at least the longest window");
      }
    }
    Set<String> names = new HashSet<>();
    for (String featureName : featureNames(features, aggregations)) {
      if (!names.add(featureName)) {
        throw new IllegalArgumentException("duplicate feature '" + featureName + "' in feature view '" + name + "'");
      }
    }
  }

  /** A view without a {@code monitoring:} block. */
  public FeatureView(String name, List<String> entities, String source, Duration ttl, boolean online,
      List<Feature> features, List<Aggregation> aggregations, Optional<ValidationRules> validation) {
    this(name, entities, source, ttl, online, features, aggregations, validation, Monitoring.none());
  }

  private static List<String> featureNames(List<Feature> features, List<Aggregation> aggregations) {
    List<String> names = new ArrayList<>();
    features.forEach(f -> names.add(f.name()));
    aggregations.forEach(a -> names.add(a.name()));
    return names;
  }

  /** Names of the view's features (or aggregations), in declaration order. */
  public List<String> featureNames() {
    return featureNames(features, aggregations);
  }

  /** Whether this view holds windowed aggregations. */
  public boolean isAggregation() {
    return !aggregations.isEmpty();
  }

  public Optional<Feature> feature(String featureName) {
    return features.stream().filter(f -> f.name().equals(featureName)).findFirst();
  }

  public Optional<Aggregation> aggregation(String aggregationName) {
    return aggregations.stream().filter(a -> a.name().equals(aggregationName)).findFirst();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Mutable builder of {@link FeatureView}; not thread-safe. Defaults: ttl 0, not online. */
  public static final class Builder {
    private final String name;
    private final List<String> entities = new ArrayList<>();
    private String source;
    private Duration ttl = Duration.ZERO;
    private boolean online;
    private final List<Feature> features = new ArrayList<>();
    private final List<Aggregation> aggregations = new ArrayList<>();
    private ValidationRules validation;
    private Monitoring monitoring = Monitoring.none();

    private Builder(String name) {
      this.name = name;
    }

    public Builder entities(String... names) {
      entities.addAll(List.of(names));
      return this;
    }

    public Builder source(String sourceName) {
      this.source = sourceName;
      return this;
    }

    public Builder ttl(Duration value) {
      this.ttl = value;
      return this;
    }

    public Builder online(boolean value) {
      this.online = value;
      return this;
    }

    public Builder feature(Feature feature) {
      features.add(feature);
      return this;
    }

    public Builder aggregation(Aggregation aggregation) {
      aggregations.add(aggregation);
      return this;
    }

    public Builder validation(ValidationRules rules) {
      this.validation = rules;
      return this;
    }

    public Builder monitoring(Monitoring value) {
      this.monitoring = value;
      return this;
    }

    /** @throws IllegalArgumentException if the view is invalid on its own */
    public FeatureView build() {
      return new FeatureView(name, entities, source, ttl, online, features, aggregations, Optional.ofNullable(validation),
          monitoring);
    }
  }
}
