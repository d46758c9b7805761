package dev.parity.definitions.yaml;

import dev.parity.definitions.Aggregation;
import dev.parity.definitions.AggregationFunction;
import dev.parity.definitions.ColumnRules;
import dev.parity.definitions.DataType;
import dev.parity.definitions.DeclaredDefault;
import dev.parity.definitions.Durations;
import dev.parity.definitions.Feature;
import dev.parity.definitions.FeatureView;
import dev.parity.definitions.Location;
import dev.parity.definitions.Monitoring;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.RowCountRule;
import dev.parity.definitions.Source;
import dev.parity.definitions.ValidationRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one feature view (and the feature lists on-demand views share with it). */
final class ViewReader {
  private static final List<String> VIEW_KEYS =
      List.of("name", "entities", "source", "ttl", "online", "features", "aggregations", "validation", "monitoring");

  private final DefinitionReader definitions;
  private final NodeReader r;
  /** Feature names of the view being read, to where they were first defined. */
  private final Map<String, Location> featureNames = new HashMap<>();

  ViewReader(DefinitionReader definitions, NodeReader r) {
    this.definitions = definitions;
    this.r = r;
  }

  Optional<FeatureView> read(Node item) {
    int before = r.errorCount();
    Optional<Map<String, Node>> fields = r.mapping(item, "feature view", VIEW_KEYS, List.of("name", "entities", "source"));
    Optional<String> name = fields.flatMap(f -> definitions.claim(r, ObjectKind.FEATURE_VIEW, item, f));
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> f = fields.get();
    String base = ObjectKind.FEATURE_VIEW.label() + "/" + name.get();
    String what = "feature view '" + name.get() + "'";
    Optional<List<String>> entities = Optional.ofNullable(f.get("entities")).flatMap(n -> r.identifiers(n, "entity", "entities"));
    if (f.containsKey("entities")) {
      definitions.locateItems(r, base + "/entities", f.get("entities"));
    }
    entities.filter(List::isEmpty).ifPresent(e -> r.error(f.get("entities"), what + " needs at least one entity"));
    Optional<String> source = Optional.ofNullable(f.get("source")).flatMap(n -> r.identifier(n, "source name"));
    Duration ttl = Optional.ofNullable(f.get("ttl")).flatMap(n -> r.duration(n, "ttl")).orElse(Duration.ZERO);
    boolean online = Optional.ofNullable(f.get("online")).flatMap(n -> r.bool(n, "online")).orElse(false);
    List<Feature> features = new ArrayList<>();
    Optional.ofNullable(f.get("features"))
        .flatMap(n -> r.sequence(n, "features"))
        .ifPresent(items -> readFeatures(items, base, what, false, features));
    List<Aggregation> aggregations = new ArrayList<>();
    Optional.ofNullable(f.get("aggregations"))
        .flatMap(n -> r.sequence(n, "aggregations"))
        .ifPresent(items -> items.forEach(i -> readAggregation(i, base, what).ifPresent(aggregations::add)));
    if (r.errorCount() == before) {
      if (!features.isEmpty() && !aggregations.isEmpty()) {
        r.error(f.get("aggregations"), what + " has both features and aggregations; put the aggregations in a view of their own");
      } else if (features.isEmpty() && aggregations.isEmpty()) {
        r.error(item, what + " needs features or aggregations");
      } else if (!aggregations.isEmpty() && !ttl.isZero()) {
        // Offline, an aggregation covers its whole window; online, a value older than the ttl is
        // withheld. Both agree only if the ttl is at least the longest window (then a value that
        // old means an empty window).
        Duration longest = aggregations.stream().map(Aggregation::window).max(Duration::compareTo).orElseThrow();
        if (ttl.compareTo(longest) < 0) {
          r.error(f.get("ttl"), what + ": ttl " + Durations.format(ttl) + " is shorter than its longest aggregation window "
              + Durations.format(longest) + "; online lookups would then disagree with training sets: use ttl 0 "
              + "(no limit) or at least " + Durations.format(longest));
        }
      }
    }
    Optional<ValidationRules> validation = Optional.ofNullable(f.get("validation")).flatMap(n -> readValidation(n, base));
    Optional<Monitoring> monitoring = Optional.ofNullable(f.get("monitoring"))
        .flatMap(n -> new MonitoringReader(definitions, r).read(n, base, false));
    return definitions.finish(r, before, ObjectKind.FEATURE_VIEW, name.get(), item,
        () -> new FeatureView(name.get(), entities.orElseThrow(), source.orElseThrow(), ttl, online, features, aggregations, validation,
            monitoring.orElse(Monitoring.none())));
  }

  /** Reads {@code name, type, expr} features (the expr required for on-demand views). */
  void readFeatures(List<Node> items, String base, String what, boolean exprRequired, List<Feature> into) {
    List<String> required = exprRequired ? List.of("name", "type", "expr") : List.of("name", "type");
    for (Node item : items) {
      Optional<Map<String, Node>> fields = r.mapping(item, "feature", List.of("name", "type", "expr", "default"), required);
      Optional<String> name = fields.flatMap(f -> featureName(f, item, base, "features", what));
      if (name.isEmpty()) {
        continue;
      }
      int before = r.errorCount();
      Optional<DataType> type = Optional.ofNullable(fields.get().get("type")).flatMap(n -> r.dataType(n, "feature '" + name.get() + "'"));
      Optional<String> expr = Optional.ofNullable(fields.get().get("expr")).flatMap(n -> r.scalar(n, "expr"));
      Optional<DeclaredDefault> declared = Optional.empty();
      Node defaultNode = fields.get().get("default");
      if (defaultNode != null && exprRequired) {
        // Computed from its inputs on both paths: a missing input is where a default belongs.
        r.error(defaultNode, "on-demand feature '" + name.get() + "' cannot declare a default: declare defaults on the"
            + " feature-view features it reads, or use coalesce(...) in its expr");
      } else if (defaultNode != null) {
        declared = r.declaredDefault(defaultNode, "default of feature '" + name.get() + "'");
      }
      if (type.isPresent() && r.errorCount() == before) {
        into.add(new Feature(name.get(), type.get(), expr, declared));
      }
    }
  }

  private Optional<String> featureName(Map<String, Node> fields, Node item, String base, String list, String what) {
    Node nameNode = fields.get("name");
    if (nameNode == null) {
      return Optional.empty();
    }
    Optional<String> name = r.identifier(nameNode, "feature name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Location first = featureNames.putIfAbsent(name.get(), r.location(item));
    if (first != null) {
      r.error(item, "duplicate feature '" + name.get() + "' in " + what + " (first defined at " + first + ")");
      return Optional.empty();
    }
    String path = base + "/" + list + "/" + name.get();
    definitions.locator.put(path, r.file, item);
    fields.forEach((key, value) -> definitions.locator.put(path + "/" + key, r.file, value));
    return name;
  }

  private Optional<Aggregation> readAggregation(Node item, String base, String what) {
    int before = r.errorCount();
    Optional<Map<String, Node>> fields =
        r.mapping(item, "aggregation", List.of("name", "function", "column", "expr", "window", "default"),
            List.of("name", "function", "window"));
    Optional<String> name = fields.flatMap(f -> featureName(f, item, base, "aggregations", what));
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> f = fields.get();
    Optional<AggregationFunction> function =
        Optional.ofNullable(f.get("function"))
            .flatMap(n -> r.choice(n, "aggregation function", List.of(AggregationFunction.values()), AggregationFunction::yamlName));
    Optional<String> column = Optional.ofNullable(f.get("column")).flatMap(n -> r.identifier(n, "column"));
    Optional<String> expr = Optional.ofNullable(f.get("expr")).flatMap(n -> r.scalar(n, "expr"));
    Optional<Duration> window = Optional.ofNullable(f.get("window")).flatMap(n -> r.duration(n, "window"));
    window.filter(Duration::isZero).ifPresent(w -> r.error(f.get("window"), "window must be greater than 0"));
    Optional<DeclaredDefault> declared = Optional.empty();
    if (f.containsKey("default")) {
      if (function.filter(AggregationFunction::countsRows).isPresent()) {
        r.error(f.get("default"), "aggregation '" + name.get() + "' (" + function.get().yamlName() + ") cannot declare a"
            + " default: a count over no rows is already 0, on both paths");
      } else {
        declared = r.declaredDefault(f.get("default"), "default of aggregation '" + name.get() + "'");
      }
    }
    if (f.containsKey("column") && f.containsKey("expr")) {
      r.error(f.get("expr"), "aggregation '" + name.get() + "' has both column and expr; use one");
    } else if (function.isPresent() && function.get().requiresInput() && !f.containsKey("column") && !f.containsKey("expr")) {
      r.error(item, "aggregation '" + name.get() + "' (" + function.get().yamlName() + ") needs a column or expr");
    }
    if (r.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(new Aggregation(name.get(), function.orElseThrow(), column, expr, window.orElseThrow(), declared));
  }

  private Optional<ValidationRules> readValidation(Node node, String base) {
    int before = r.errorCount();
    Optional<Map<String, Node>> fields = r.mapping(node, "validation", List.of("row_count", "freshness", "columns", "baseline"), List.of());
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> f = fields.get();
    Optional<RowCountRule> rowCount = Optional.ofNullable(f.get("row_count")).flatMap(this::readRowCount);
    Optional<Duration> freshness = Optional.ofNullable(f.get("freshness")).flatMap(n -> r.duration(n, "freshness"));
    freshness.filter(Duration::isZero).ifPresent(d -> r.error(f.get("freshness"), "freshness must be greater than 0"));
    Map<String, ColumnRules> columns = new LinkedHashMap<>();
    if (f.containsKey("columns")) {
      for (NodeTuple tuple : r.tuples(f.get("columns"), "validation columns")) {
        r.scalar(tuple.getKeyNode(), "column name")
            .ifPresent(
                column -> {
                  definitions.locator.put(base + "/validation/columns/" + column, r.file, tuple.getKeyNode());
                  readColumnRules(tuple.getValueNode()).ifPresent(rules -> columns.put(column, rules));
                });
      }
    }
    Optional<String> baseline = Optional.ofNullable(f.get("baseline")).flatMap(n -> r.scalar(n, "baseline"));
    baseline.ifPresent(
        b -> {
          try {
            Source.normalizePath(b);
          } catch (IllegalArgumentException e) {
            r.error(f.get("baseline"), e.getMessage());
          }
        });
    if (r.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(new ValidationRules(rowCount, freshness, columns, baseline));
  }

  private Optional<RowCountRule> readRowCount(Node node) {
    int before = r.errorCount();
    Optional<Map<String, Node>> fields = r.mapping(node, "row_count", List.of("min", "max"), List.of());
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Optional<Long> min = Optional.ofNullable(fields.get().get("min")).flatMap(n -> r.integer(n, "row_count min"));
    Optional<Long> max = Optional.ofNullable(fields.get().get("max")).flatMap(n -> r.integer(n, "row_count max"));
    min.filter(m -> m < 0).ifPresent(m -> r.error(fields.get().get("min"), "row_count min must not be negative"));
    if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
      r.error(node, "row_count min is greater than max");
    }
    if (r.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(
        new RowCountRule(min.map(OptionalLong::of).orElse(OptionalLong.empty()), max.map(OptionalLong::of).orElse(OptionalLong.empty())));
  }

  private Optional<ColumnRules> readColumnRules(Node node) {
    int before = r.errorCount();
    Optional<Map<String, Node>> fields =
        r.mapping(node, "column rules", List.of("max_null_fraction", "min", "max", "allowed_values"), List.of());
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> f = fields.get();
    Optional<Double> nulls = Optional.ofNullable(f.get("max_null_fraction")).flatMap(n -> r.number(n, "max_null_fraction"));
    nulls.filter(v -> v < 0 || v > 1).ifPresent(v -> r.error(f.get("max_null_fraction"), "max_null_fraction must be between 0 and 1"));
    Optional<Double> min = Optional.ofNullable(f.get("min")).flatMap(n -> r.number(n, "min"));
    Optional<Double> max = Optional.ofNullable(f.get("max")).flatMap(n -> r.number(n, "max"));
    if (min.isPresent() && max.isPresent() && min.get() > max.get()) {
      r.error(f.get("min"), "min is greater than max");
    }
    List<String> allowed = new ArrayList<>();
    if (f.containsKey("allowed_values")) {
      r.sequence(f.get("allowed_values"), "allowed_values")
          .ifPresent(
              items -> {
                if (items.isEmpty()) {
                  r.error(f.get("allowed_values"), "allowed_values is empty");
                }
                for (Node item : items) {
                  if (item instanceof ScalarNode scalar && !allowed.contains(scalar.getValue())) {
                    r.scalar(item, "allowed value").ifPresent(allowed::add);
                  } else if (!(item instanceof ScalarNode)) {
                    r.error(item, "allowed values must be single values, found " + NodeReader.kindOf(item));
                  }
                }
              });
    }
    if (r.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(new ColumnRules(optional(nulls), optional(min), optional(max), allowed));
  }

  private static OptionalDouble optional(Optional<Double> value) {
    return value.map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }
}
