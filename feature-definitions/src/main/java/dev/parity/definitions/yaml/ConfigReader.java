package dev.parity.definitions.yaml;

import dev.parity.definitions.OfflineEngineConfig;
import dev.parity.definitions.OfflineEngineConfig.Engine;
import dev.parity.definitions.OnlineConfig;
import dev.parity.definitions.RepositoryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads {@code parity.yaml}; every key is optional and defaults as in {@link
 * RepositoryConfig#defaults()}. Top-level keys: {@code project}, {@code registry: {url}}, {@code
 * online: {redis | cluster}}, {@code offline: {path, engine, spark: {master, conf}}}, {@code max_future_skew} (a duration such as
 * {@code 5m}: it applies to pushes, materializations and training sets alike, so it belongs to
 * no one of those sections).
 */
final class ConfigReader {
  private ConfigReader() {}

  static Optional<RepositoryConfig> read(NodeReader r, Optional<Node> root) {
    RepositoryConfig defaults = RepositoryConfig.defaults();
    if (root.isEmpty()) {
      return Optional.of(defaults);
    }
    int before = r.errorCount();
    Optional<Map<String, Node>> top = r.mapping(root.get(), "parity.yaml", List.of("project", "registry", "online", "offline", "max_future_skew"), List.of());
    if (top.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> t = top.get();
    String project = Optional.ofNullable(t.get("project")).flatMap(n -> r.scalar(n, "project")).orElse(defaults.project());
    if (!project.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
      r.error(t.get("project"), "project '" + project + "' must be letters, digits, '_', '.' or '-'");
    }
    String registry =
        Optional.ofNullable(t.get("registry"))
            .flatMap(n -> r.mapping(n, "registry", List.of("url"), List.of("url")))
            .flatMap(m -> Optional.ofNullable(m.get("url")))
            .flatMap(n -> r.scalar(n, "registry url"))
            .orElse(defaults.registryUrl());
    OnlineConfig online = Optional.ofNullable(t.get("online")).flatMap(n -> readOnline(r, n)).orElse(defaults.online());
    Map<String, Node> offlineFields = Optional.ofNullable(t.get("offline"))
        .flatMap(n -> r.mapping(n, "offline", List.of("path", "engine", "spark"), List.of()))
        .orElse(Map.of());
    String offline = Optional.ofNullable(offlineFields.get("path"))
        .flatMap(n -> r.scalar(n, "offline path"))
        .orElse(defaults.offlinePath());
    OfflineEngineConfig engine = readEngine(r, offlineFields).orElse(defaults.offlineEngine());
    Duration maxFutureSkew = Optional.ofNullable(t.get("max_future_skew"))
        .flatMap(n -> r.duration(n, "max_future_skew"))
        .orElse(defaults.maxFutureSkew());
    if (r.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(new RepositoryConfig(project, registry, online, offline, maxFutureSkew, engine));
  }

  /** {@code offline: {engine: embedded | spark, spark: {master: URL, conf: {spark.x: value}}}}. */
  private static Optional<OfflineEngineConfig> readEngine(NodeReader r, Map<String, Node> offline) {
    Optional<Engine> engine = Optional.of(Engine.EMBEDDED);
    Node engineNode = offline.get("engine");
    if (engineNode != null) {
      engine = r.scalar(engineNode, "offline engine").flatMap(name -> {
        Optional<Engine> named = Engine.named(name);
        if (named.isEmpty()) {
          r.error(engineNode, "offline engine '" + name + "' is unknown; use one of " + Engine.names());
        }
        return named;
      });
    }
    Optional<String> master = Optional.empty();
    Map<String, String> conf = new LinkedHashMap<>();
    Node sparkNode = offline.get("spark");
    if (sparkNode != null) {
      Map<String, Node> spark = r.mapping(sparkNode, "offline spark", List.of("master", "conf"), List.of())
          .orElse(Map.of());
      Node masterNode = spark.get("master");
      if (masterNode != null) {
        master = r.scalar(masterNode, "offline spark master");
        master.flatMap(OfflineEngineConfig::masterProblem)
            .ifPresent(problem -> r.error(masterNode, "offline spark master: " + problem));
      }
      if (spark.containsKey("conf")) {
        for (NodeTuple entry : r.tuples(spark.get("conf"), "offline spark conf")) {
          Optional<String> key = r.scalar(entry.getKeyNode(), "offline spark conf key");
          Optional<String> value = r.scalar(entry.getValueNode(), "offline spark conf value");
          key.filter(k -> !k.startsWith("spark."))
              .ifPresent(k -> r.error(entry.getKeyNode(), "offline spark conf key '" + k + "' must start with 'spark.'"));
          if (key.isPresent() && value.isPresent()) {
            conf.put(key.get(), value.get());
          }
        }
      }
    }
    if (engine.isEmpty() || master.flatMap(OfflineEngineConfig::masterProblem).isPresent()
        || conf.keySet().stream().anyMatch(k -> !k.startsWith("spark."))) {
      return Optional.empty();
    }
    return Optional.of(new OfflineEngineConfig(engine.get(), master, conf));
  }

  private static Optional<OnlineConfig> readOnline(NodeReader r, Node node) {
    Optional<Map<String, Node>> fields = r.mapping(node, "online", List.of("redis", "cluster"), List.of());
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> f = fields.get();
    if (f.containsKey("redis") && f.containsKey("cluster")) {
      r.error(node, "online has both redis and cluster; use one");
      return Optional.empty();
    }
    if (f.containsKey("cluster")) {
      List<String> nodes = new ArrayList<>();
      r.sequence(f.get("cluster"), "online cluster")
          .ifPresent(items -> items.forEach(item -> r.scalar(item, "cluster node url").ifPresent(nodes::add)));
      if (nodes.isEmpty()) {
        r.error(f.get("cluster"), "online cluster lists no nodes");
        return Optional.empty();
      }
      return Optional.of(OnlineConfig.cluster(nodes));
    }
    return Optional.ofNullable(f.get("redis")).flatMap(n -> r.scalar(n, "online redis url")).map(OnlineConfig::redis);
  }
}
