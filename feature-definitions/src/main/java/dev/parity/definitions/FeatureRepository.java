package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.expr.CompiledExpression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A fully validated feature repository: its configuration, every object, and what validation
 * derived once so that the online and offline paths reuse it (compiled expressions, feature
 * types, source schemas). Obtain one from the YAML loader ({@code
 * dev.parity.definitions.yaml.RepositoryLoader}) or from {@link #builder(Path)}.
 *
 * <p>Equality covers the root, configuration and objects only: not where they were written, nor
 * derived data. Immutable and thread-safe.
 */
public final class FeatureRepository {
  private final Path root;
  private final RepositoryConfig config;
  private final Map<String, Entity> entities;
  private final Map<String, Source> sources;
  private final Map<String, FeatureView> featureViews;
  private final Map<String, OnDemandFeatureView> onDemandFeatureViews;
  private final Map<String, FeatureService> featureServices;
  private final Map<FeatureRef, CompiledExpression> expressions;
  private final Map<FeatureRef, DataType> featureTypes;
  private final Map<FeatureRef, Object> defaults;
  private final Map<String, SourceSchema> sourceSchemas;
  private final DefinitionLocator locator;
  private final Map<String, ModelPolicy> modelPolicies;
  private final Map<String, dev.parity.definitions.triggers.Trigger> triggers;

  FeatureRepository(
      Path root,
      RepositoryConfig config,
      Map<String, Entity> entities,
      Map<String, Source> sources,
      Map<String, FeatureView> featureViews,
      Map<String, OnDemandFeatureView> onDemandFeatureViews,
      Map<String, FeatureService> featureServices,
      Map<FeatureRef, CompiledExpression> expressions,
      Map<FeatureRef, DataType> featureTypes,
      Map<FeatureRef, Object> defaults,
      Map<String, SourceSchema> sourceSchemas,
      DefinitionLocator locator,
      Map<String, ModelPolicy> modelPolicies,
      Map<String, dev.parity.definitions.triggers.Trigger> triggers) {
    this.root = root;
    this.config = config;
    this.entities = Collections.unmodifiableMap(entities);
    this.sources = Collections.unmodifiableMap(sources);
    this.featureViews = Collections.unmodifiableMap(featureViews);
    this.onDemandFeatureViews = Collections.unmodifiableMap(onDemandFeatureViews);
    this.featureServices = Collections.unmodifiableMap(featureServices);
    this.expressions = Collections.unmodifiableMap(expressions);
    this.featureTypes = Collections.unmodifiableMap(featureTypes);
    this.defaults = Collections.unmodifiableMap(defaults);
    this.sourceSchemas = Collections.unmodifiableMap(sourceSchemas);
    this.locator = locator;
    this.modelPolicies = Collections.unmodifiableMap(modelPolicies);
    this.triggers = Collections.unmodifiableMap(triggers);
  }

  /** The {@code triggers:} block, by name (docs/triggers.md). */
  public Collection<dev.parity.definitions.triggers.Trigger> triggers() {
    return triggers.values();
  }

  /** The trigger with this name. */
  public Optional<dev.parity.definitions.triggers.Trigger> trigger(String name) {
    return Optional.ofNullable(triggers.get(name));
  }

  /** The policies of the {@code models:} block, by model name. */
  public Collection<ModelPolicy> modelPolicies() {
    return modelPolicies.values();
  }

  /** The declared policy of a model, or {@link ModelPolicy#defaults} when it has none. */
  public ModelPolicy modelPolicy(String model) {
    return modelPolicies.getOrDefault(model, ModelPolicy.defaults(model));
  }

  /** A builder validating objects made in Java exactly as the YAML loader does. */
  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** The repository directory; source paths are relative to it. */
  public Path root() {
    return root;
  }

  public RepositoryConfig config() {
    return config;
  }

  /** Entities in definition order (files sorted, then document order). */
  public Collection<Entity> entities() {
    return entities.values();
  }

  public Optional<Entity> entity(String name) {
    return Optional.ofNullable(entities.get(name));
  }

  public Collection<Source> sources() {
    return sources.values();
  }

  public Optional<Source> source(String name) {
    return Optional.ofNullable(sources.get(name));
  }

  public Collection<FeatureView> featureViews() {
    return featureViews.values();
  }

  public Optional<FeatureView> featureView(String name) {
    return Optional.ofNullable(featureViews.get(name));
  }

  public Collection<OnDemandFeatureView> onDemandFeatureViews() {
    return onDemandFeatureViews.values();
  }

  public Optional<OnDemandFeatureView> onDemandFeatureView(String name) {
    return Optional.ofNullable(onDemandFeatureViews.get(name));
  }

  public Collection<FeatureService> featureServices() {
    return featureServices.values();
  }

  public Optional<FeatureService> featureService(String name) {
    return Optional.ofNullable(featureServices.get(name));
  }

  /** The compiled expression of a view feature, aggregation input or on-demand feature, if it has one. */
  public Optional<CompiledExpression> expression(FeatureRef feature) {
    return Optional.ofNullable(expressions.get(feature));
  }

  /** Every compiled expression, by feature. */
  public Map<FeatureRef, CompiledExpression> expressions() {
    return expressions;
  }

  /** The value type of a feature of a feature view (aggregations: derived) or on-demand view. */
  public Optional<DataType> featureType(FeatureRef feature) {
    return Optional.ofNullable(featureTypes.get(feature));
  }

  /**
   * The declared default of a feature-view feature or aggregation, as a value of its type: a
   * {@code Boolean}, {@code Long}, {@code Double} or {@code String} (see {@link DeclaredDefault}
   * for where both paths apply it); empty without one.
   */
  public Optional<Object> defaultValue(FeatureRef feature) {
    return Optional.ofNullable(defaults.get(feature));
  }

  /** The schema of a source as known at load time (declared or resolved), if known. */
  public Optional<SourceSchema> sourceSchema(String sourceName) {
    return Optional.ofNullable(sourceSchemas.get(sourceName));
  }

  /** Where an object is defined, when loaded from files. */
  public Optional<Location> location(ObjectKey key) {
    return locator.locate(key.kind().label() + "/" + key.name(), 0);
  }

  /** Keys of every object, sorted by kind then name. */
  public SortedSet<ObjectKey> keys() {
    SortedSet<ObjectKey> keys = new TreeSet<>();
    entities.keySet().forEach(n -> keys.add(new ObjectKey(ObjectKind.ENTITY, n)));
    sources.keySet().forEach(n -> keys.add(new ObjectKey(ObjectKind.SOURCE, n)));
    featureViews.keySet().forEach(n -> keys.add(new ObjectKey(ObjectKind.FEATURE_VIEW, n)));
    onDemandFeatureViews.keySet().forEach(n -> keys.add(new ObjectKey(ObjectKind.ON_DEMAND_FEATURE_VIEW, n)));
    featureServices.keySet().forEach(n -> keys.add(new ObjectKey(ObjectKind.FEATURE_SERVICE, n)));
    triggers.keySet().forEach(n -> keys.add(new ObjectKey(ObjectKind.TRIGGER, n)));
    return Collections.unmodifiableSortedSet(keys);
  }

  /** Names of the features of a feature view or on-demand view, in declaration order. */
  public Optional<List<String>> featureNames(String view) {
    if (featureViews.containsKey(view)) {
      return Optional.of(featureViews.get(view).featureNames());
    }
    return onDemandFeatureView(view).map(OnDemandFeatureView::featureNames);
  }

  /**
   * The features a service selects, {@code "*"} expanded, in declaration order.
   *
   * @throws IllegalArgumentException if there is no such service
   */
  public List<FeatureRef> serviceFeatures(String service) {
    FeatureService featureService =
        featureService(service).orElseThrow(() -> new IllegalArgumentException("unknown feature service '" + service + "'"));
    List<FeatureRef> refs = new ArrayList<>();
    featureService
        .features()
        .forEach(
            (view, selection) -> {
              List<String> names = selection.all() ? featureNames(view).orElseThrow() : selection.features();
              names.forEach(n -> refs.add(new FeatureRef(view, n)));
            });
    return List.copyOf(refs);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureRepository other
        && root.equals(other.root)
        && config.equals(other.config)
        && entities.equals(other.entities)
        && sources.equals(other.sources)
        && featureViews.equals(other.featureViews)
        && onDemandFeatureViews.equals(other.onDemandFeatureViews)
        && featureServices.equals(other.featureServices);
  }

  @Override
  public int hashCode() {
    return Objects.hash(root, config, entities, sources, featureViews, onDemandFeatureViews, featureServices);
  }

  @Override
  public String toString() {
    return "FeatureRepository[" + root + ", " + keys().size() + " objects]";
  }

  /**
   * Collects objects and validates them together. Not thread-safe. Loaders set a {@link
   * DefinitionLocator} so errors carry file positions.
   */
  public static final class Builder {
    final Path root;
    RepositoryConfig config = RepositoryConfig.defaults();
    final List<Entity> entities = new ArrayList<>();
    final List<Source> sources = new ArrayList<>();
    final List<FeatureView> featureViews = new ArrayList<>();
    final List<OnDemandFeatureView> onDemandFeatureViews = new ArrayList<>();
    final List<FeatureService> featureServices = new ArrayList<>();
    final Map<String, ModelPolicy> modelPolicies = new java.util.TreeMap<>();
    final Map<String, dev.parity.definitions.triggers.Trigger> triggers = new java.util.TreeMap<>();
    SourceSchemaResolver schemaResolver = SourceSchemaResolver.none();
    DefinitionLocator locator = DefinitionLocator.none();

    private Builder(Path root) {
      this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    public Builder config(RepositoryConfig value) {
      this.config = requireNonNull(value, "config is null");
      return this;
    }

    public Builder entity(Entity entity) {
      entities.add(requireNonNull(entity, "entity is null"));
      return this;
    }

    public Builder source(Source source) {
      sources.add(requireNonNull(source, "source is null"));
      return this;
    }

    public Builder featureView(FeatureView view) {
      featureViews.add(requireNonNull(view, "view is null"));
      return this;
    }

    public Builder onDemandFeatureView(OnDemandFeatureView view) {
      onDemandFeatureViews.add(requireNonNull(view, "view is null"));
      return this;
    }

    public Builder featureService(FeatureService service) {
      featureServices.add(requireNonNull(service, "service is null"));
      return this;
    }

    /**
     * Declares a model's promotion gates and protected aliases.
     *
     * @throws IllegalArgumentException if the model already has a policy
     */
    public Builder modelPolicy(ModelPolicy policy) {
      requireNonNull(policy, "policy is null");
      if (modelPolicies.putIfAbsent(policy.model(), policy) != null) {
        throw new IllegalArgumentException("model '" + policy.model() + "' is declared twice in models");
      }
      return this;
    }

    /**
     * Declares a trigger; its service and (for {@code new_data}) source are checked by {@link #build}.
     *
     * @throws IllegalArgumentException if a trigger of that name exists
     */
    public Builder trigger(dev.parity.definitions.triggers.Trigger trigger) {
      requireNonNull(trigger, "trigger is null");
      if (triggers.putIfAbsent(trigger.name(), trigger) != null) {
        throw new IllegalArgumentException("trigger '" + trigger.name() + "' is declared twice in triggers");
      }
      return this;
    }

    /** Resolves schemas of sources without a declared one (default: none). */
    public Builder schemaResolver(SourceSchemaResolver resolver) {
      this.schemaResolver = requireNonNull(resolver, "resolver is null");
      return this;
    }

    /** Positions for errors (default: none, errors name element paths). */
    public Builder locator(DefinitionLocator value) {
      this.locator = requireNonNull(value, "locator is null");
      return this;
    }

    /**
     * Validates everything together: references, columns and types against source schemas,
     * expressions, cycles, services.
     *
     * @throws DefinitionException with every error found
     */
    public FeatureRepository build() {
      return new RepositoryValidator(this).validate();
    }
  }
}
