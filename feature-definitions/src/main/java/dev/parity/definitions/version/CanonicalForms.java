package dev.parity.definitions.version;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parity.definitions.Aggregation;
import dev.parity.definitions.ColumnRules;
import dev.parity.definitions.Entity;
import dev.parity.definitions.Feature;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.Source;
import dev.parity.definitions.ValidationRules;
import dev.parity.definitions.expr.CompiledExpression;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Canonical forms as sorted maps: keys sorted, durations in seconds, types by their YAML names,
 * expressions by their compiled canonical text, absent optionals left out. Collections keyed by
 * name (features, schema columns) are objects, so declaration order does not matter; lists keep
 * their order where it means something (join keys, a service's feature list).
 */
final class CanonicalForms {
  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final FeatureRepository repository;

  CanonicalForms(FeatureRepository repository) {
    this.repository = repository;
  }

  static String toJson(Map<String, Object> form) {
    try {
      return JSON.writeValueAsString(form);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("canonical forms hold only maps, lists, strings, numbers and booleans", e);
    }
  }

  static Map<String, Object> header(ObjectKind kind, String name) {
    Map<String, Object> form = new TreeMap<>();
    form.put("kind", kind.label());
    form.put("name", name);
    return form;
  }

  Map<String, Object> entity(Entity entity) {
    Map<String, Object> form = header(ObjectKind.ENTITY, entity.name());
    form.put("join_keys", entity.joinKeys());
    return form;
  }

  Map<String, Object> source(Source source) {
    Map<String, Object> form = header(ObjectKind.SOURCE, source.name());
    form.put("format", source.format().yamlName());
    form.put("path", source.path());
    form.put("timestamp", source.timestampColumn());
    source.createdTimestampColumn().ifPresent(c -> form.put("created_timestamp", c));
    if (!source.schema().isEmpty()) {
      Map<String, Object> schema = new TreeMap<>();
      source.schema().forEach((column, type) -> schema.put(column, type.yamlName()));
      form.put("schema", schema);
    }
    return form;
  }

  Map<String, Object> featureView(FeatureView view) {
    Map<String, Object> form = header(ObjectKind.FEATURE_VIEW, view.name());
    Map<String, Object> entities = new TreeMap<>();
    List<String> joinKeys = new ArrayList<>();
    for (String name : view.entities()) {
      Entity entity = repository.entity(name).orElseThrow();
      entities.put(name, entity(entity));
      joinKeys.addAll(entity.joinKeys());
    }
    form.put("entities", entities);
    form.put("join_keys", joinKeys);
    form.put("source", source(repository.source(view.source()).orElseThrow()));
    form.put("ttl", seconds(view.ttl()));
    form.put("online", view.online());
    if (!view.features().isEmpty()) {
      Map<String, Object> features = new TreeMap<>();
      view.features().forEach(f -> features.put(f.name(), feature(view.name(), f)));
      form.put("features", features);
    }
    if (!view.aggregations().isEmpty()) {
      Map<String, Object> aggregations = new TreeMap<>();
      view.aggregations().forEach(a -> aggregations.put(a.name(), aggregation(view.name(), a)));
      form.put("aggregations", aggregations);
    }
    view.validation().ifPresent(v -> form.put("validation", validation(v)));
    return form;
  }

  Map<String, Object> feature(String view, Feature feature) {
    Map<String, Object> form = new TreeMap<>();
    form.put("type", feature.type().yamlName());
    if (feature.expr().isPresent()) {
      putExpression(form, view, feature.name());
    }
    // A default changes what both paths serve for a missing value: part of the version.
    repository.defaultValue(new FeatureRef(view, feature.name())).ifPresent(d -> form.put("default", d));
    return form;
  }

  private Map<String, Object> aggregation(String view, Aggregation aggregation) {
    Map<String, Object> form = new TreeMap<>();
    form.put("function", aggregation.function().yamlName());
    aggregation.column().ifPresent(c -> form.put("column", c));
    if (aggregation.expr().isPresent()) {
      putExpression(form, view, aggregation.name());
    }
    form.put("window", seconds(aggregation.window()));
    repository.defaultValue(new FeatureRef(view, aggregation.name())).ifPresent(d -> form.put("default", d));
    form.put("type", repository.featureType(new FeatureRef(view, aggregation.name())).orElseThrow().yamlName());
    return form;
  }

  /**
   * The canonical text, plus the types of the inputs: {@code a + b} computes differently over
   * int64 (overflow gives null) than over float64, and the text alone shows no type.
   */
  private void putExpression(Map<String, Object> form, String view, String feature) {
    CompiledExpression compiled = repository.expression(new FeatureRef(view, feature)).orElseThrow();
    form.put("expr", compiled.canonical());
    Map<String, Object> inputs = new TreeMap<>();
    for (int i = 0; i < compiled.inputs().size(); i++) {
      inputs.put(compiled.inputs().get(i), compiled.inputTypes().get(i).yamlName());
    }
    if (!inputs.isEmpty()) {
      form.put("inputs", inputs);
    }
  }

  private static Map<String, Object> validation(ValidationRules rules) {
    Map<String, Object> form = new TreeMap<>();
    rules.rowCount().ifPresent(
        r -> {
          Map<String, Object> rowCount = new TreeMap<>();
          r.min().ifPresent(v -> rowCount.put("min", v));
          r.max().ifPresent(v -> rowCount.put("max", v));
          form.put("row_count", rowCount);
        });
    rules.freshness().ifPresent(f -> form.put("freshness", seconds(f)));
    if (!rules.columns().isEmpty()) {
      Map<String, Object> columns = new TreeMap<>();
      rules.columns().forEach((column, r) -> columns.put(column, columnRules(r)));
      form.put("columns", columns);
    }
    rules.baseline().ifPresent(b -> form.put("baseline", b));
    return form;
  }

  private static Map<String, Object> columnRules(ColumnRules rules) {
    Map<String, Object> form = new TreeMap<>();
    put(form, "max_null_fraction", rules.maxNullFraction());
    put(form, "min", rules.min());
    put(form, "max", rules.max());
    if (!rules.allowedValues().isEmpty()) {
      // A set: order and repeats do not change what is accepted.
      form.put("allowed_values", rules.allowedValues().stream().distinct().sorted().toList());
    }
    return form;
  }

  private static void put(Map<String, Object> form, String key, OptionalDouble value) {
    value.ifPresent(v -> form.put(key, v));
  }

  static long seconds(Duration duration) {
    return duration.getSeconds();
  }
}
