package dev.parity.definitions;

import dev.parity.ParityException;
import dev.parity.definitions.expr.CompiledExpression;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a set of objects together (references, schemas, types, expressions, cycles, services)
 * and builds the repository, or throws every error. One instance per validation.
 */
final class RepositoryValidator {
  private final FeatureRepository.Builder in;
  final Problems problems;
  final ExpressionChecker expressions;
  final Map<String, Entity> entities = new LinkedHashMap<>();
  final Map<String, Source> sources = new LinkedHashMap<>();
  final Map<String, FeatureView> featureViews = new LinkedHashMap<>();
  final Map<String, OnDemandFeatureView> onDemandViews = new LinkedHashMap<>();
  final Map<String, FeatureService> services = new LinkedHashMap<>();
  final Map<String, SourceSchema> schemas = new LinkedHashMap<>();
  final Map<FeatureRef, CompiledExpression> compiled = new LinkedHashMap<>();
  final Map<FeatureRef, DataType> featureTypes = new LinkedHashMap<>();
  /** Validated default values (Boolean, Long, Double, String) of the features that declare one. */
  final Map<FeatureRef, Object> defaults = new LinkedHashMap<>();

  RepositoryValidator(FeatureRepository.Builder in) {
    this.in = in;
    this.problems = new Problems(in.locator);
    this.expressions = new ExpressionChecker(problems);
  }

  FeatureRepository validate() {
    index(in.entities, ObjectKind.ENTITY, Entity::name, entities);
    index(in.sources, ObjectKind.SOURCE, Source::name, sources);
    index(in.featureViews, ObjectKind.FEATURE_VIEW, FeatureView::name, featureViews);
    index(in.onDemandFeatureViews, ObjectKind.ON_DEMAND_FEATURE_VIEW, OnDemandFeatureView::name, onDemandViews);
    index(in.featureServices, ObjectKind.FEATURE_SERVICE, FeatureService::name, services);
    for (String name : List.copyOf(onDemandViews.keySet())) {
      if (featureViews.containsKey(name)) {
        problems.error(
            Problems.path(ObjectKind.ON_DEMAND_FEATURE_VIEW, name), "on-demand feature view '" + name + "' has the name of a feature view");
        onDemandViews.remove(name);
      }
    }
    sources.values().forEach(this::checkSource);
    featureViews.values().forEach(view -> new ViewChecker(this, view).check());
    new OnDemandChecker(this).check();
    services.values().forEach(this::checkService);
    new MonitoringChecker(this).check();
    checkTriggers();
    problems.throwIfAny();
    return new FeatureRepository(
        in.root, in.config, entities, sources, featureViews, onDemandViews, services, compiled, featureTypes, defaults, schemas,
        in.locator, in.modelPolicies, in.triggers);
  }

  /** A trigger's service and (new_data) source or view must exist; a watched report feature must be the service's. */
  private void checkTriggers() {
    for (dev.parity.definitions.triggers.Trigger trigger : in.triggers.values()) {
      String base = "trigger/" + trigger.name();
      if (!services.containsKey(trigger.service()) && !problems.isUnreadable(ObjectKind.FEATURE_SERVICE, trigger.service())) {
        problems.error(base + "/service", "trigger '" + trigger.name() + "' names unknown feature service '"
            + trigger.service() + "'" + Names.didYouMean(trigger.service(), services.keySet()));
      }
      if (trigger.condition() instanceof dev.parity.definitions.triggers.TriggerCondition.NewData data
          && !sources.containsKey(data.source()) && !problems.isUnreadable(ObjectKind.SOURCE, data.source())) {
        problems.error(base + "/source", "trigger '" + trigger.name() + "' names unknown source '" + data.source()
            + "'" + Names.didYouMean(data.source(), sources.keySet()));
      }
      if (trigger.condition() instanceof dev.parity.definitions.triggers.TriggerCondition.Watermark watermark
          && !featureViews.containsKey(watermark.view()) && !problems.isUnreadable(ObjectKind.FEATURE_VIEW, watermark.view())) {
        problems.error(base + "/view", "trigger '" + trigger.name() + "' watches unknown feature view '"
            + watermark.view() + "'" + Names.didYouMean(watermark.view(), featureViews.keySet()));
      }
      if (trigger.condition() instanceof dev.parity.definitions.triggers.TriggerCondition.Metric metric
          && metric.source() instanceof dev.parity.definitions.triggers.MetricSource.Report report
          && report.feature().isPresent() && services.containsKey(trigger.service())) {
        String feature = report.feature().get();
        String view = feature.substring(0, feature.indexOf(':'));
        FeatureSelection selection = services.get(trigger.service()).features().get(view);
        if (selection == null || !selection.all() && !selection.features().contains(feature.substring(view.length() + 1))) {
          problems.error(base + "/metric", "trigger '" + trigger.name() + "' watches feature '" + feature
              + "', which feature service '" + trigger.service() + "' does not select");
        }
      }
    }
  }

  private <T> void index(List<T> objects, ObjectKind kind, Function<T, String> name, Map<String, T> into) {
    for (T object : objects) {
      if (into.putIfAbsent(name.apply(object), object) != null) {
        problems.error(Problems.path(kind, name.apply(object)), "duplicate " + kind.description() + " '" + name.apply(object) + "'");
      }
    }
  }

  private void checkSource(Source source) {
    Optional<SourceSchema> schema;
    try {
      schema = SourceSchemaResolver.declaredOr(in.schemaResolver).resolve(source, in.root);
    } catch (ParityException | java.io.UncheckedIOException e) {
      problems.error(
          Problems.path(ObjectKind.SOURCE, source.name(), "path"),
          "cannot read the schema of source '" + source.name() + "': " + e.getMessage());
      return;
    }
    schema.ifPresent(s -> schemas.put(source.name(), s));
    if (!source.schema().isEmpty()) {
      checkDeclaredAgainstFiles(source);
    }
    checkTimestamp(source, schema, source.timestampColumn(), "timestamp");
    source.createdTimestampColumn().ifPresent(c -> checkTimestamp(source, schema, c, "created_timestamp"));
  }

  /**
   * A declared schema is a promise about the files: when the files can be read too (Parquet), hold
   * them to it, so that a repository validated before its data existed is checked again once it
   * does.
   */
  private void checkDeclaredAgainstFiles(Source source) {
    Optional<SourceSchema> files;
    try {
      files = in.schemaResolver.resolve(source, in.root);
    } catch (ParityException | java.io.UncheckedIOException e) {
      problems.error(
          Problems.path(ObjectKind.SOURCE, source.name(), "path"),
          "cannot read the schema of source '" + source.name() + "': " + e.getMessage());
      return;
    }
    if (files.isEmpty()) {
      return;
    }
    source.schema().forEach((column, declared) -> {
      String path = Problems.path(ObjectKind.SOURCE, source.name(), "schema", column);
      Optional<SourceColumnType> actual = files.get().column(column);
      if (actual.isEmpty()) {
        problems.error(path, "source '" + source.name() + "' declares column '" + column
            + "' but its files do not have it" + Names.didYouMean(column, files.get().columns().keySet()));
      } else if (declared.readsAs().isEmpty() || !actual.get().canBeReadAs(declared.readsAs().get())) {
        problems.error(path, "source '" + source.name() + "' declares column '" + column + "' as " + declared
            + " but its files have " + actual.get());
      }
    });
  }

  private void checkTimestamp(Source source, Optional<SourceSchema> schema, String column, String key) {
    if (schema.isEmpty()) {
      return;
    }
    String path = Problems.path(ObjectKind.SOURCE, source.name(), key);
    Optional<SourceColumnType> type = schema.get().column(column);
    if (type.isEmpty()) {
      problems.error(
          path,
          key + " column '" + column + "' is not in the schema of source '" + source.name() + "'"
              + Names.didYouMean(column, schema.get().columns().keySet()));
    } else if (!type.get().canBeReadAs(DataType.TIMESTAMP)) {
      problems.error(path, key + " column '" + column + "' is " + type.get() + ", expected timestamp");
    }
  }

  private void checkService(FeatureService service) {
    service
        .features()
        .forEach(
            (view, selection) -> {
              String viewPath = Problems.path(ObjectKind.FEATURE_SERVICE, service.name(), "features", view);
              Optional<List<String>> names = featureNames(view);
              if (names.isEmpty()) {
                if (!problems.isUnreadable(ObjectKind.FEATURE_VIEW, view)
                    && !problems.isUnreadable(ObjectKind.ON_DEMAND_FEATURE_VIEW, view)) {
                  problems.error(viewPath, "unknown feature view '" + view + "'" + Names.didYouMean(view, allViewNames()));
                }
                return;
              }
              for (String feature : selection.features()) {
                if (!names.get().contains(feature)) {
                  problems.error(
                      viewPath + "/" + feature,
                      "unknown feature '" + feature + "' in feature view '" + view + "'" + Names.didYouMean(feature, names.get()));
                }
              }
            });
  }

  Optional<List<String>> featureNames(String view) {
    if (featureViews.containsKey(view)) {
      return Optional.of(featureViews.get(view).featureNames());
    }
    return Optional.ofNullable(onDemandViews.get(view)).map(OnDemandFeatureView::featureNames);
  }

  Set<String> allViewNames() {
    Set<String> names = new HashSet<>(featureViews.keySet());
    names.addAll(onDemandViews.keySet());
    return names;
  }
}
