package dev.parity.offline.features;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.Aggregation;
import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.DataType;
import dev.parity.definitions.Entity;
import dev.parity.definitions.Feature;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Source;
import dev.parity.definitions.SourceColumnType;
import dev.parity.definitions.SourceFormat;
import dev.parity.definitions.SourceSchema;
import dev.parity.definitions.SourceSchemaResolver;
import dev.parity.offline.ColumnSpec;
import dev.parity.offline.InputSchemaException;
import dev.parity.offline.OfflineAggregation;
import dev.parity.offline.OfflineFeature;
import dev.parity.offline.OfflineSource;
import dev.parity.offline.OfflineView;
import dev.parity.offline.parquet.read.ParquetSchemaResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Turns a validated feature view into the engine's {@link OfflineView}: the one place where the
 * definitions meet the offline engine, so training sets and materialization read a view the same
 * way. Source paths are resolved against the repository root; row transforms and aggregation
 * inputs use the repository's compiled expressions (the ones the online path evaluates). Stateless
 * and thread-safe.
 */
public final class OfflineViews {
  private OfflineViews() {}

  /**
   * The engine descriptor of {@code view} with all its features. Join key types come from the
   * source's schema as the repository knows it, else from the footer of its first Parquet file.
   *
   * @throws IllegalArgumentException if the view is not part of {@code repository}
   * @throws InputSchemaException if a join key's type cannot be known or Parity cannot read it
   */
  public static OfflineView from(FeatureRepository repository, FeatureView view) {
    return from(repository, view, view.featureNames());
  }

  /**
   * The engine descriptor of {@code view} restricted to {@code features} (names of its features or
   * aggregations), in the view's declaration order: only what a training set needs is computed.
   *
   * @throws IllegalArgumentException if the view is not part of {@code repository}, or a name is
   *     not one of its features, or {@code features} is empty
   * @throws InputSchemaException if a join key's type cannot be known or Parity cannot read it
   */
  public static OfflineView from(FeatureRepository repository, FeatureView view, Collection<String> features) {
    requireNonNull(repository, "repository is null");
    requireNonNull(view, "view is null");
    if (!repository.featureView(view.name()).map(view::equals).orElse(false)) {
      throw new IllegalArgumentException("feature view '" + view.name() + "' is not part of " + repository);
    }
    for (String name : features) {
      if (!view.featureNames().contains(name)) {
        throw new IllegalArgumentException("feature view '" + view.name() + "' has no feature '" + name + "'");
      }
    }
    Source source = repository.source(view.source()).orElseThrow();
    OfflineSource offlineSource = new OfflineSource(
        source.format(),
        source.resolve(repository.root()).toString(),
        source.timestampColumn(),
        source.createdTimestampColumn(),
        csvColumns(source));
    List<OfflineFeature> offlineFeatures = new ArrayList<>();
    for (Feature f : view.features()) {
      if (features.contains(f.name())) {
        FeatureRef ref = new FeatureRef(view.name(), f.name());
        offlineFeatures.add(new OfflineFeature(f.name(), f.type(), repository.expression(ref), repository.defaultValue(ref)));
      }
    }
    List<OfflineAggregation> aggregations = new ArrayList<>();
    for (Aggregation a : view.aggregations()) {
      if (features.contains(a.name())) {
        aggregations.add(new OfflineAggregation(
            a.name(),
            a.function(),
            a.column(),
            a.expr().isPresent() ? repository.expression(new FeatureRef(view.name(), a.name())) : Optional.empty(),
            a.window(),
            repository.defaultValue(new FeatureRef(view.name(), a.name()))));
      }
    }
    return new OfflineView(view.name(), joinKeys(repository, view, source), offlineSource, view.ttl(),
        offlineFeatures, aggregations);
  }

  private static List<ColumnSpec> csvColumns(Source source) {
    if (source.format() != SourceFormat.CSV) {
      return List.of();
    }
    List<ColumnSpec> columns = new ArrayList<>();
    // Columns Parity cannot read (date, decimal...) are left out: the engine then reads only
    // the columns the view needs, and a view using one was rejected at validation.
    source.schema().forEach((name, type) -> type.readsAs().ifPresent(t -> columns.add(new ColumnSpec(name, t))));
    return columns;
  }

  private static List<ColumnSpec> joinKeys(FeatureRepository repository, FeatureView view, Source source) {
    Optional<SourceSchema> schema = repository.sourceSchema(source.name())
        .or(() -> SourceSchemaResolver.declaredOr(new ParquetSchemaResolver()).resolve(source, repository.root()));
    List<ColumnSpec> keys = new ArrayList<>();
    for (String entityName : view.entities()) {
      Entity entity = repository.entity(entityName).orElseThrow();
      for (String key : entity.joinKeys()) {
        if (schema.isEmpty()) {
          throw new InputSchemaException(source.resolve(repository.root()), key,
              "type of join key of view " + view.name() + " unknown: source " + source.name()
                  + " declares no schema and has no files");
        }
        SourceColumnType type = schema.get().column(key).orElseThrow(() -> new InputSchemaException(
            source.resolve(repository.root()), key, "join key of view " + view.name() + " missing from source " + source.name()));
        DataType readAs = type.readsAs().orElseThrow(() -> new InputSchemaException(
            source.resolve(repository.root()), key, "join key of view " + view.name() + " has type " + type
                + ", which Parity cannot read"));
        keys.add(new ColumnSpec(key, readAs));
      }
    }
    return keys;
  }
}
