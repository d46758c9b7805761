package dev.parity.definitions.yaml;

import dev.parity.definitions.DataType;
import dev.parity.definitions.Entity;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.FeatureSelection;
import dev.parity.definitions.FeatureService;
import dev.parity.definitions.Location;
import dev.parity.definitions.Monitoring;
import dev.parity.definitions.ObjectKey;
import dev.parity.definitions.ObjectKind;
import dev.parity.definitions.OnDemandFeatureView;
import dev.parity.definitions.Source;
import dev.parity.definitions.SourceColumnType;
import dev.parity.definitions.SourceFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the objects of definition files into a repository builder, recording where each element
 * was written. An object with an error is left out and marked unreadable, so that references to
 * it are not reported again. Not thread-safe; one per load.
 */
final class DefinitionReader {
  static final List<String> TOP_KEYS = List.of("entities", "sources", "feature_views", "on_demand_features", "feature_services",
      "models", "triggers");

  private final FeatureRepository.Builder builder;
  final YamlLocator locator;
  /** Namespace (views and on-demand views share one) to name to where it was first defined. */
  private final Map<String, Map<String, Claim>> claims = new HashMap<>();

  private final TriggerReader triggers;

  /** Model name to where its {@code models:} entry is. */
  private final Map<String, Location> models = new HashMap<>();

  private record Claim(ObjectKind kind, Location location) {}

  DefinitionReader(FeatureRepository.Builder builder, YamlLocator locator) {
    this.builder = builder;
    this.locator = locator;
    this.triggers = new TriggerReader(locator);
  }

  void read(NodeReader r, Node root) {
    Optional<Map<String, Node>> top = r.mapping(root, "a definitions file", TOP_KEYS, List.of());
    if (top.isEmpty()) {
      return;
    }
    top.get().forEach((key, value) -> r.sequence(value, key).ifPresent(items -> items.forEach(item -> readItem(r, key, item))));
  }

  private void readItem(NodeReader r, String key, Node item) {
    switch (key) {
      case "entities" -> readEntity(r, item);
      case "sources" -> readSource(r, item);
      case "feature_views" -> new ViewReader(this, r).read(item).ifPresent(builder::featureView);
      case "on_demand_features" -> readOnDemand(r, item);
      case "models" -> readModel(r, item);
      case "triggers" -> triggers.read(r, item).ifPresent(builder::trigger);
      default -> readService(r, item);
    }
  }

  /**
   * Reads the name of an object and claims it; empty (after reporting) if it has none or is
   * taken. The object is located at its mapping.
   */
  Optional<String> claim(NodeReader r, ObjectKind kind, Node item, Map<String, Node> fields) {
    Node nameNode = fields.get("name");
    if (nameNode == null) {
      return Optional.empty();
    }
    Optional<String> name = r.identifier(nameNode, kind.description() + " name");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    String namespace = kind == ObjectKind.ON_DEMAND_FEATURE_VIEW ? ObjectKind.FEATURE_VIEW.label() : kind.label();
    Claim first = claims.computeIfAbsent(namespace, k -> new HashMap<>()).get(name.get());
    if (first != null) {
      String what = first.kind() == kind ? "duplicate " + kind.description() + " '" + name.get() + "'"
          : kind.description() + " '" + name.get() + "' has the name of a " + first.kind().description();
      r.error(item, what + " (first defined at " + first.location() + ")");
      return Optional.empty();
    }
    claims.get(namespace).put(name.get(), new Claim(kind, r.location(item)));
    String base = kind.label() + "/" + name.get();
    locator.put(base, r.file, item);
    fields.forEach((key, value) -> locator.put(base + "/" + key, r.file, value));
    return name;
  }

  /**
   * Builds an object if its part was read without errors since {@code errorsBefore}, else marks it
   * unreadable. Constructor checks the reader did not anticipate are reported at the item.
   */
  <T> Optional<T> finish(NodeReader r, int errorsBefore, ObjectKind kind, String name, Node item, Supplier<T> build) {
    if (r.errorCount() == errorsBefore) {
      try {
        return Optional.of(build.get());
      } catch (IllegalArgumentException | NullPointerException | java.util.NoSuchElementException e) {
        r.error(item, e.getMessage() == null ? "invalid " + kind.description() : e.getMessage());
      }
    }
    locator.markUnreadable(new ObjectKey(kind, name));
    return Optional.empty();
  }

  /** Registers each scalar item of a list as {@code base/<value>}. */
  void locateItems(NodeReader r, String base, Node list) {
    if (list instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        if (item instanceof ScalarNode scalar) {
          locator.put(base + "/" + scalar.getValue(), r.file, item);
        }
      }
    }
  }

  /** A {@code models:} entry: name, gates (one expression each) and protected aliases. */
  private void readModel(NodeReader r, Node item) {
    int before = r.errorCount();
    Optional<Map<String, Node>> fields = r.mapping(item, "model", List.of("name", "gates", "protected_aliases",
        "on_promote"),
        List.of("name"));
    if (fields.isEmpty()) {
      return;
    }
    Map<String, Node> f = fields.get();
    Optional<String> name = Optional.ofNullable(f.get("name")).flatMap(n -> r.scalar(n, "model name"));
    if (name.isEmpty()) {
      return;
    }
    Location first = models.putIfAbsent(name.get(), r.location(item));
    if (first != null) {
      r.error(item, "duplicate model '" + name.get() + "' (first defined at " + first + ")");
      return;
    }
    List<dev.parity.definitions.ModelGate> gates = new ArrayList<>();
    Optional.ofNullable(f.get("gates")).flatMap(n -> r.sequence(n, "gates")).ifPresent(items -> {
      for (Node gate : items) {
        r.scalar(gate, "gate").ifPresent(text -> {
          try {
            gates.add(dev.parity.definitions.ModelGate.parse(text));
          } catch (IllegalArgumentException e) {
            r.error(gate, e.getMessage());
          }
        });
      }
    });
    List<String> aliases = new ArrayList<>(List.of(dev.parity.definitions.ModelPolicy.CHAMPION));
    Optional.ofNullable(f.get("protected_aliases")).flatMap(n -> r.sequence(n, "protected_aliases"))
        .ifPresent(items -> {
          aliases.clear();
          for (Node alias : items) {
            r.scalar(alias, "alias").ifPresent(text -> {
              try {
                aliases.add(dev.parity.definitions.ModelPolicy.checkAlias(text));
              } catch (IllegalArgumentException e) {
                r.error(alias, e.getMessage());
              }
            });
          }
        });
    // One hook (a mapping) or several (a list of them), written as a trigger's hook is.
    List<dev.parity.definitions.triggers.TriggerHook> hooks = new ArrayList<>();
    Node onPromote = f.get("on_promote");
    if (onPromote instanceof SequenceNode list) {
      list.getValue().forEach(hook -> TriggerReader.hook(r, hook).ifPresent(hooks::add));
    } else if (onPromote != null) {
      TriggerReader.hook(r, onPromote).ifPresent(hooks::add);
    }
    if (r.errorCount() == before) {
      builder.modelPolicy(new dev.parity.definitions.ModelPolicy(name.get(), gates, aliases, hooks));
    }
  }

  private void readEntity(NodeReader r, Node item) {
    int before = r.errorCount();
    Optional<Map<String, Node>> fields = r.mapping(item, "entity", List.of("name", "join_keys"), List.of("name", "join_keys"));
    Optional<String> name = fields.flatMap(f -> claim(r, ObjectKind.ENTITY, item, f));
    if (name.isEmpty()) {
      return;
    }
    Optional<List<String>> keys = Optional.ofNullable(fields.get().get("join_keys")).flatMap(n -> r.identifiers(n, "join key", "join_keys"));
    keys.filter(List::isEmpty).ifPresent(k -> r.error(fields.get().get("join_keys"), "entity '" + name.get() + "' needs at least one join key"));
    finish(r, before, ObjectKind.ENTITY, name.get(), item, () -> new Entity(name.get(), keys.orElseThrow()))
        .ifPresent(builder::entity);
  }

  private void readSource(NodeReader r, Node item) {
    int before = r.errorCount();
    Optional<Map<String, Node>> fields =
        r.mapping(item, "source", List.of("name", "format", "path", "timestamp", "created_timestamp", "schema"), List.of("name", "path", "timestamp"));
    Optional<String> name = fields.flatMap(f -> claim(r, ObjectKind.SOURCE, item, f));
    if (name.isEmpty()) {
      return;
    }
    Map<String, Node> f = fields.get();
    SourceFormat format =
        Optional.ofNullable(f.get("format"))
            .flatMap(n -> r.choice(n, "source format", List.of(SourceFormat.values()), SourceFormat::yamlName))
            .orElse(SourceFormat.PARQUET);
    Optional<String> path = Optional.ofNullable(f.get("path")).flatMap(n -> r.scalar(n, "path"));
    path.ifPresent(
        p -> {
          try {
            Source.normalizePath(p);
          } catch (IllegalArgumentException e) {
            r.error(f.get("path"), e.getMessage());
          }
        });
    Optional<String> timestamp = Optional.ofNullable(f.get("timestamp")).flatMap(n -> r.identifier(n, "timestamp column"));
    Optional<String> created = Optional.ofNullable(f.get("created_timestamp")).flatMap(n -> r.identifier(n, "created_timestamp column"));
    Map<String, SourceColumnType> schema = new LinkedHashMap<>();
    if (f.containsKey("schema")) {
      readSchema(r, f.get("schema"), schema);
    } else if (format == SourceFormat.CSV) {
      r.error(item, "csv source '" + name.get() + "' needs a schema (schema: { column: type, ... })");
    }
    finish(r, before, ObjectKind.SOURCE, name.get(), item,
            () -> new Source(name.get(), format, path.orElseThrow(), timestamp.orElseThrow(), created, schema))
        .ifPresent(builder::source);
  }

  private void readSchema(NodeReader r, Node node, Map<String, SourceColumnType> into) {
    r.mapping(node, "schema", List.of(), List.of())
        .ifPresent(
            columns -> {
              if (columns.isEmpty()) {
                r.error(node, "schema declares no columns");
              }
              columns.forEach(
                  (column, typeNode) ->
                      r.choice(typeNode, "column type", List.of(SourceColumnType.values()), SourceColumnType::yamlName)
                          .ifPresent(type -> into.put(column, type)));
            });
  }

  private void readOnDemand(NodeReader r, Node item) {
    int before = r.errorCount();
    Optional<Map<String, Node>> fields =
        r.mapping(item, "on-demand feature view", List.of("name", "request", "features"), List.of("name", "features"));
    Optional<String> name = fields.flatMap(f -> claim(r, ObjectKind.ON_DEMAND_FEATURE_VIEW, item, f));
    if (name.isEmpty()) {
      return;
    }
    String base = ObjectKind.ON_DEMAND_FEATURE_VIEW.label() + "/" + name.get();
    Map<String, DataType> request = new LinkedHashMap<>();
    Optional.ofNullable(fields.get().get("request"))
        .ifPresent(node -> readRequest(r, base, node, request));
    List<dev.parity.definitions.Feature> features = new ArrayList<>();
    Optional.ofNullable(fields.get().get("features"))
        .flatMap(node -> r.sequence(node, "features"))
        .ifPresent(items -> new ViewReader(this, r).readFeatures(items, base, "on-demand feature view '" + name.get() + "'", true, features));
    if (features.isEmpty() && r.errorCount() == before) {
      r.error(item, "on-demand feature view '" + name.get() + "' has no features");
    }
    finish(r, before, ObjectKind.ON_DEMAND_FEATURE_VIEW, name.get(), item, () -> new OnDemandFeatureView(name.get(), request, features))
        .ifPresent(builder::onDemandFeatureView);
  }

  private void readRequest(NodeReader r, String base, Node node, Map<String, DataType> into) {
    for (NodeTuple tuple : r.tuples(node, "request")) {
      Optional<String> field = r.identifier(tuple.getKeyNode(), "request field");
      if (field.isPresent() && into.containsKey(field.get())) {
        r.error(tuple.getKeyNode(), "duplicate request field '" + field.get() + "'");
        continue;
      }
      Optional<DataType> type = r.dataType(tuple.getValueNode(), "request field");
      if (field.isPresent() && type.isPresent()) {
        into.put(field.get(), type.get());
        locator.put(base + "/request/" + field.get(), r.file, tuple.getKeyNode());
      }
    }
  }

  private void readService(NodeReader r, Node item) {
    int before = r.errorCount();
    Optional<Map<String, Node>> fields =
        r.mapping(item, "feature service", List.of("name", "features", "monitoring"), List.of("name", "features"));
    Optional<String> name = fields.flatMap(f -> claim(r, ObjectKind.FEATURE_SERVICE, item, f));
    if (name.isEmpty()) {
      return;
    }
    String base = ObjectKind.FEATURE_SERVICE.label() + "/" + name.get() + "/features";
    Map<String, FeatureSelection> selections = new LinkedHashMap<>();
    Node featuresNode = fields.get().get("features");
    for (NodeTuple tuple : featuresNode == null ? List.<NodeTuple>of() : r.tuples(featuresNode, "features of a feature service")) {
      Optional<String> view = r.identifier(tuple.getKeyNode(), "feature view name");
      if (view.isEmpty()) {
        continue;
      }
      if (selections.containsKey(view.get())) {
        r.error(tuple.getKeyNode(), "feature view '" + view.get() + "' is listed twice");
        continue;
      }
      locator.put(base + "/" + view.get(), r.file, tuple.getKeyNode());
      Node value = tuple.getValueNode();
      if (value instanceof ScalarNode scalar && scalar.getValue().equals("*")) {
        selections.put(view.get(), FeatureSelection.allFeatures());
        continue;
      }
      if (!(value instanceof SequenceNode)) {
        r.error(value, "features of '" + view.get() + "' must be a list of feature names or \"*\", found " + NodeReader.kindOf(value));
        continue;
      }
      locateItems(r, base + "/" + view.get(), value);
      r.identifiers(value, "feature", "features of '" + view.get() + "'")
          .ifPresent(
              list -> {
                if (list.isEmpty()) {
                  r.error(value, "no features selected from '" + view.get() + "' (list them, or use \"*\")");
                } else {
                  selections.put(view.get(), new FeatureSelection(false, list));
                }
              });
    }
    if (featuresNode != null && selections.isEmpty() && r.errorCount() == before) {
      r.error(featuresNode, "feature service '" + name.get() + "' selects no features");
    }
    Optional<Monitoring> monitoring = Optional.ofNullable(fields.get().get("monitoring"))
        .flatMap(n -> new MonitoringReader(this, r).read(n, ObjectKind.FEATURE_SERVICE.label() + "/" + name.get(), true));
    finish(r, before, ObjectKind.FEATURE_SERVICE, name.get(), item,
            () -> new FeatureService(name.get(), selections, monitoring.orElse(Monitoring.none())))
        .ifPresent(builder::featureService);
  }
}
