package dev.parity.online.serving;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.DataType;
import dev.parity.definitions.Entity;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Names;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.SourceColumnType;
import dev.parity.definitions.SourceSchema;
import dev.parity.definitions.version.RepositoryVersions;
import dev.parity.online.FeatureColumn;
import dev.parity.online.KeyColumn;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.OnlineView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The online store descriptors ({@link OnlineView}) of a repository's feature views: the one place
 * that turns a definition into what Redis keys and fingerprints are built from, so that
 * materialization, pushes and lookups address the same values.
 *
 * <ul>
 *   <li>version: the view's version from {@link RepositoryVersions}, the one the registry records;
 *   <li>ttl: the view's ttl (zero: no limit);
 *   <li>join keys: the join keys of the view's entities in entity order, typed by the source
 *       column they are read from (as widened on read: int32 keys are int64);
 *   <li>features: plain, derived and aggregation outputs in declaration order, typed by {@link
 *       FeatureRepository#featureType}.
 * </ul>
 *
 * <p>Only {@code online: true} views are servable. Descriptors are computed once, when this is
 * built; a view that cannot be served does not stop the others. Immutable and thread-safe.
 */
public final class OnlineViews {
  private final Map<String, OnlineView> servable;
  private final Map<String, String> unservable;
  private final List<String> allNames;

  private OnlineViews(Map<String, OnlineView> servable, Map<String, String> unservable, List<String> allNames) {
    this.servable = Collections.unmodifiableMap(servable);
    this.unservable = Collections.unmodifiableMap(unservable);
    this.allNames = List.copyOf(allNames);
  }

  /** Descriptors of every feature view of {@code repository}, versioned as the registry versions them. */
  public static OnlineViews of(FeatureRepository repository) {
    requireNonNull(repository, "repository is null");
    RepositoryVersions versions = RepositoryVersions.of(repository);
    Map<String, OnlineView> servable = new LinkedHashMap<>();
    Map<String, String> unservable = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (FeatureView view : repository.featureViews()) {
      names.add(view.name());
      if (!view.online()) {
        unservable.put(view.name(), "feature view '" + view.name() + "' is not online (set online: true and materialize it)");
        continue;
      }
      try {
        servable.put(view.name(), describe(repository, view, versions.version(ObjectKind.FEATURE_VIEW, view.name())));
      } catch (ViewNotServableException e) {
        unservable.put(view.name(), e.getMessage());
      }
    }
    return new OnlineViews(servable, unservable, names);
  }

  /**
   * The descriptor of feature view {@code name}.
   *
   * @throws ViewNotServableException the view is not online, or its join key types are unknown
   * @throws OnlineRequestException there is no feature view of that name
   */
  public OnlineView view(String name) {
    requireNonNull(name, "view name is null");
    OnlineView view = servable.get(name);
    if (view != null) {
      return view;
    }
    String reason = unservable.get(name);
    if (reason != null) {
      throw new ViewNotServableException(reason);
    }
    throw new OnlineRequestException("unknown feature view '" + name + "'" + Names.didYouMean(name, allNames));
  }

  /** The descriptor of feature view {@code name}, if it exists and is servable. */
  public Optional<OnlineView> find(String name) {
    return Optional.ofNullable(servable.get(name));
  }

  /** Descriptors of every servable view, in definition order. */
  public Map<String, OnlineView> servable() {
    return servable;
  }

  private static OnlineView describe(FeatureRepository repository, FeatureView view, String version) {
    Optional<SourceSchema> schema = repository.sourceSchema(view.source());
    List<KeyColumn> keys = new ArrayList<>();
    for (String entityName : view.entities()) {
      Entity entity = repository.entity(entityName).orElseThrow(
          () -> new IllegalStateException("validated view " + view.name() + " has unknown entity " + entityName));
      for (String key : entity.joinKeys()) {
        keys.add(new KeyColumn(key, keyType(view, key, schema)));
      }
    }
    List<FeatureColumn> features = new ArrayList<>();
    for (String feature : view.featureNames()) {
      DataType type = repository.featureType(new FeatureRef(view.name(), feature)).orElseThrow(
          () -> new IllegalStateException("validated view " + view.name() + " has no type for feature " + feature));
      features.add(new FeatureColumn(feature, type));
    }
    return new OnlineView(view.name(), version, view.ttl(), keys, features);
  }

  private static DataType keyType(FeatureView view, String key, Optional<SourceSchema> schema) {
    String where = "join key '" + key + "' of feature view '" + view.name() + "'";
    if (schema.isEmpty()) {
      throw new ViewNotServableException("the type of " + where + " is unknown: source '" + view.source()
          + "' declares no schema and none was resolved from its files; declare its schema");
    }
    SourceColumnType column = schema.get().column(key).orElseThrow(() -> new ViewNotServableException(
        where + " is not a column of source '" + view.source() + "'"));
    DataType type = column.readsAs().orElseThrow(() -> new ViewNotServableException(
        where + " has column type " + column + ", which cannot be read"));
    if (type == DataType.FLOAT64) {
      throw new ViewNotServableException(where + " is " + column + "; a float cannot be a join key");
    }
    return type;
  }
}
