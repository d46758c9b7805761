package dev.parity.definitions;

import dev.parity.definitions.ExpressionChecker.Resolution;
import dev.parity.definitions.expr.CompiledExpression;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Checks one feature view against its entities and source schema and compiles its expressions. */
final class ViewChecker {
  private final RepositoryValidator repo;
  private final Problems problems;
  private final FeatureView view;
  private Source source;
  private Optional<SourceSchema> schema = Optional.empty();

  ViewChecker(RepositoryValidator repo, FeatureView view) {
    this.repo = repo;
    this.problems = repo.problems;
    this.view = view;
  }

  private String path(String... rest) {
    return Problems.path(ObjectKind.FEATURE_VIEW, view.name(), rest);
  }

  void check() {
    checkEntities();
    source = repo.sources.get(view.source());
    if (source == null) {
      if (!problems.isUnreadable(ObjectKind.SOURCE, view.source())) {
        problems.error(
            path("source"), "unknown source '" + view.source() + "'" + Names.didYouMean(view.source(), repo.sources.keySet()));
      }
      // Without the source nothing about columns can be checked; its error is reported.
      return;
    }
    schema = Optional.ofNullable(repo.schemas.get(source.name()));
    checkJoinKeys();
    view.features().forEach(this::checkFeature);
    view.aggregations().forEach(this::checkAggregation);
    view.validation().ifPresent(this::checkValidation);
  }

  private void checkEntities() {
    Map<String, String> keyOwner = new HashMap<>();
    for (String entityName : view.entities()) {
      Entity entity = repo.entities.get(entityName);
      if (entity == null) {
        if (!problems.isUnreadable(ObjectKind.ENTITY, entityName)) {
          problems.error(
              path("entities", entityName),
              "unknown entity '" + entityName + "'" + Names.didYouMean(entityName, repo.entities.keySet()));
        }
        continue;
      }
      for (String key : entity.joinKeys()) {
        String owner = keyOwner.putIfAbsent(key, entityName);
        if (owner != null) {
          problems.error(path("entities", entityName), "join key '" + key + "' of entity '" + entityName + "' is also a join key of entity '" + owner + "'");
        }
      }
    }
  }

  private void checkJoinKeys() {
    if (schema.isEmpty()) {
      return;
    }
    for (String entityName : view.entities()) {
      Entity entity = repo.entities.get(entityName);
      if (entity == null) {
        continue;
      }
      for (String key : entity.joinKeys()) {
        if (schema.get().column(key).isEmpty()) {
          problems.error(
              path("entities", entityName),
              "join key '" + key + "' of entity '" + entityName + "' is not a column of source '" + source.name() + "'");
        }
      }
    }
  }

  private void checkFeature(Feature feature) {
    FeatureRef ref = new FeatureRef(view.name(), feature.name());
    repo.featureTypes.put(ref, feature.type());
    feature.defaultValue().ifPresent(d -> checkDefault(ref, path("features", feature.name(), "default"), d, feature.type()));
    if (feature.expr().isEmpty()) {
      if (schema.isPresent()) {
        Optional<SourceColumnType> column = schema.get().column(feature.name());
        if (column.isEmpty()) {
          problems.error(path("features", feature.name()), unknownColumn(feature.name()));
        } else if (!column.get().canBeReadAs(feature.type())) {
          problems.error(path("features", feature.name(), "type"), typeMismatch(feature, column.get()));
        }
      }
      return;
    }
    String exprPath = path("features", feature.name(), "expr");
    Optional<CompiledExpression> compiled = repo.expressions.compile(exprPath, feature.expr().get(), this::resolveColumn);
    compiled.ifPresent(
        c -> {
          if (c.type() != feature.type()) {
            problems.error(
                exprPath, "expression has type " + c.type() + " but feature '" + feature.name() + "' is declared " + feature.type());
          } else {
            repo.compiled.put(ref, c);
          }
        });
  }

  private String typeMismatch(Feature feature, SourceColumnType column) {
    if (column.readsAs().isEmpty()) {
      return "source column '" + feature.name() + "' has type " + column + ", which Parity cannot read";
    }
    return "feature '" + feature.name() + "' is declared " + feature.type() + " but source column '" + feature.name()
        + "' of source '" + source.name() + "' is " + column;
  }

  private void checkAggregation(Aggregation aggregation) {
    String base = path("aggregations", aggregation.name());
    FeatureRef ref = new FeatureRef(view.name(), aggregation.name());
    Optional<DataType> input = Optional.empty();
    String inputText = "";
    if (aggregation.column().isPresent()) {
      String column = aggregation.column().get();
      Resolution resolution = resolveColumn(column);
      if (resolution.type() == null) {
        if (resolution.error() != null) {
          problems.error(base + "/column", resolution.error());
        }
        return;
      }
      input = Optional.of(resolution.type());
      inputText = "column '" + column + "' is " + resolution.type();
    } else if (aggregation.expr().isPresent()) {
      Optional<CompiledExpression> compiled = repo.expressions.compile(base + "/expr", aggregation.expr().get(), this::resolveColumn);
      if (compiled.isEmpty()) {
        return;
      }
      repo.compiled.put(ref, compiled.get());
      input = Optional.of(compiled.get().type());
      inputText = "expr is " + compiled.get().type();
    }
    if (aggregation.function().requiresNumericInput() && !input.get().isNumeric()) {
      problems.error(
          base + "/function", aggregation.function().yamlName() + " needs a numeric input, but " + inputText);
      return;
    }
    DataType type = aggregation.function().outputType(input);
    repo.featureTypes.put(ref, type);
    aggregation.defaultValue().ifPresent(d -> checkDefault(ref, base + "/default", d, type));
  }

  /** Converts a declared default to the feature's type, or reports why it cannot be one. */
  private void checkDefault(FeatureRef ref, String defaultPath, DeclaredDefault declared, DataType type) {
    try {
      repo.defaults.put(ref, declared.valueAs(type));
    } catch (IllegalArgumentException e) {
      problems.error(defaultPath, "feature '" + ref.feature() + "': " + e.getMessage());
    }
  }

  private void checkValidation(ValidationRules rules) {
    if (schema.isEmpty()) {
      return;
    }
    rules
        .columns()
        .forEach(
            (column, columnRules) -> {
              String columnPath = path("validation", "columns", column);
              Optional<SourceColumnType> type = schema.get().column(column);
              if (type.isEmpty()) {
                problems.error(columnPath, unknownColumn(column));
              } else if (columnRules.hasRange() && !type.get().readsAs().map(DataType::isNumeric).orElse(false)) {
                problems.error(columnPath, "min and max need a numeric column, but '" + column + "' is " + type.get());
              }
            });
  }

  /** Types of names a view expression may read: source columns (or, schema unknown, declared ones). */
  private Resolution resolveColumn(String name) {
    if (name.contains(".")) {
      return Resolution.unknown(
          "feature view expressions read source columns only; '" + name + "' refers to another view's feature");
    }
    if (schema.isPresent()) {
      Optional<SourceColumnType> column = schema.get().column(name);
      if (column.isEmpty()) {
        return Resolution.unknown(unknownColumn(name));
      }
      return column
          .get()
          .readsAs()
          .map(Resolution::typed)
          .orElseGet(() -> Resolution.unknown("source column '" + name + "' has type " + column.get() + ", which Parity cannot read"));
    }
    Map<String, DataType> known = new LinkedHashMap<>();
    view.features().stream().filter(f -> f.expr().isEmpty()).forEach(f -> known.put(f.name(), f.type()));
    known.put(source.timestampColumn(), DataType.TIMESTAMP);
    source.createdTimestampColumn().ifPresent(c -> known.put(c, DataType.TIMESTAMP));
    DataType type = known.get(name);
    if (type != null) {
      return Resolution.typed(type);
    }
    return Resolution.unknown(
        "column '" + name + "' has no known type: source '" + source.name()
            + "' declares no schema and its files could not be read; declare it as a plain feature of this view or add a schema to the source");
  }

  private String unknownColumn(String name) {
    return "unknown column '" + name + "' in source '" + source.name() + "'"
        + Names.didYouMean(name, schema.get().columns().keySet());
  }
}
