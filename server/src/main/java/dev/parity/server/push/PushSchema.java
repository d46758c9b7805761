package dev.parity.server.push;

import dev.parity.definitions.Aggregation;
import dev.parity.definitions.DataType;
import dev.parity.definitions.Feature;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Source;
import dev.parity.definitions.SourceSchema;
import dev.parity.definitions.expr.CompiledExpression;
import dev.parity.server.errors.UnknownObjectException;
import dev.parity.definitions.Names;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The columns pushed rows of one source have: every readable column of the source's schema (as
 * declared, or as read from its files when the repository was loaded) with the type it is read
 * as, and which of them the source's feature views need. Immutable.
 *
 * @param source the source
 * @param types column to type, in the source's column order
 * @param needed column to the first reader that needs it (the event timestamp, join keys,
 *     features, expression and aggregation inputs of every feature view of the source)
 * @param keys the join key columns, which need a value in every row
 * @param views the feature views reading the source, in definition order
 */
record PushSchema(Source source, Map<String, DataType> types, Map<String, String> needed, Set<String> keys,
    List<FeatureView> views) {

  PushSchema {
    types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    needed = Collections.unmodifiableMap(new LinkedHashMap<>(needed));
    keys = Collections.unmodifiableSet(new LinkedHashSet<>(keys));
    views = List.copyOf(views);
  }

  /**
   * @throws UnknownObjectException if there is no such source
   * @throws PushException if the source's schema is not known
   */
  static PushSchema of(FeatureRepository repository, String sourceName) {
    Source source = repository.source(sourceName).orElseThrow(() -> new UnknownObjectException("unknown source '"
        + sourceName + "'" + Names.didYouMean(sourceName, repository.sources().stream().map(Source::name).toList())));
    return of(repository, source, repository.featureViews().stream().filter(v -> v.source().equals(source.name()))
        .toList());
  }

  /**
   * The columns rows written to {@code view} alone have: those of its source, of which only what
   * this view reads is needed; the source's other views are not considered.
   *
   * @throws PushException if the source's schema is not known
   */
  static PushSchema forView(FeatureRepository repository, FeatureView view) {
    return of(repository, repository.source(view.source()).orElseThrow(), List.of(view));
  }

  private static PushSchema of(FeatureRepository repository, Source source, List<FeatureView> views) {
    Optional<SourceSchema> schema = repository.sourceSchema(source.name());
    if (schema.isEmpty()) {
      throw new PushException("the columns of source '" + source.name() + "' are unknown: it declares no schema and "
          + "had no data file when the repository was loaded; declare its schema to push to it");
    }
    Map<String, DataType> types = new LinkedHashMap<>();
    schema.get().columns().forEach((column, type) -> type.readsAs().ifPresent(t -> types.put(column, t)));
    types.put(source.timestampColumn(), DataType.TIMESTAMP);
    source.createdTimestampColumn().ifPresent(c -> types.put(c, DataType.TIMESTAMP));

    Map<String, String> needed = new LinkedHashMap<>();
    Set<String> keys = new LinkedHashSet<>();
    needed.put(source.timestampColumn(), "the event timestamp of source " + source.name());
    for (FeatureView view : views) {
      String of = " of feature view " + view.name();
      for (String entity : view.entities()) {
        repository.entity(entity).orElseThrow().joinKeys().forEach(k -> {
          keys.add(k);
          needed.putIfAbsent(k, "join key" + of);
        });
      }
      for (Feature feature : view.features()) {
        Optional<CompiledExpression> expr = repository.expression(new FeatureRef(view.name(), feature.name()));
        if (expr.isPresent()) {
          expr.get().inputs().forEach(c -> needed.putIfAbsent(c, "input of feature " + feature.name() + of));
        } else {
          needed.putIfAbsent(feature.name(), "feature " + feature.name() + of);
        }
      }
      for (Aggregation aggregation : view.aggregations()) {
        aggregation.column().ifPresent(c -> needed.putIfAbsent(c, "aggregation " + aggregation.name() + of));
        repository.expression(new FeatureRef(view.name(), aggregation.name())).ifPresent(expr ->
            expr.inputs().forEach(c -> needed.putIfAbsent(c, "input of aggregation " + aggregation.name() + of)));
      }
    }
    for (String column : needed.keySet()) {
      if (!types.containsKey(column)) {
        throw new PushException("column " + column + " (" + needed.get(column) + ") is not a readable column of source '"
            + source.name() + "'");
      }
    }
    return new PushSchema(source, types, needed, keys, views);
  }
}
