package dev.parity.definitions.yaml;

import dev.parity.definitions.triggers.MetricSource;
import dev.parity.definitions.triggers.TriggerCondition;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads a metric trigger's {@code metric:} mapping (docs/triggers.md): its {@code source:}
 * ({@code model} when absent), the keys of that source, and exactly one of {@code below} and
 * {@code above}. A key of another source is an error at its line.
 */
final class MetricConditionReader {
  private static final List<String> THRESHOLD = List.of("source", "below", "above");
  private static final Map<String, List<String>> BY_SOURCE = Map.of(
      "model", List.of("model", "alias", "name"),
      "report", List.of("report", "feature", "statistic"),
      "validation", List.of("statistic"),
      "server", List.of("name", "window"),
      "prometheus", List.of("url", "name", "labels", "timeout"));
  private static final Map<String, List<String>> REQUIRED = Map.of(
      "model", List.of("model", "name"),
      "report", List.of("report"),
      "validation", List.of(),
      "server", List.of("name"),
      "prometheus", List.of("url", "name"));

  private MetricConditionReader() {}

  static Optional<TriggerCondition> read(NodeReader r, Node node, Duration debounce) {
    int before = r.errorCount();
    List<String> allowed = new ArrayList<>(THRESHOLD);
    MetricSource.IDS.forEach(id -> BY_SOURCE.get(id).stream().filter(k -> !allowed.contains(k)).forEach(allowed::add));
    Optional<Map<String, Node>> fields = r.mapping(node, "metric", allowed, List.of());
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Node> f = fields.get();
    Optional<String> source = f.containsKey("source")
        ? r.choice(f.get("source"), "metric source", MetricSource.IDS, s -> s) : Optional.of("model");
    if (source.isEmpty()) {
      return Optional.empty();
    }
    String id = source.get();
    f.keySet().stream().filter(k -> !THRESHOLD.contains(k) && !BY_SOURCE.get(id).contains(k))
        .forEach(k -> r.error(f.get(k), "key '" + k + "' does not apply to a metric of source " + id
            + " (its keys: " + String.join(", ", BY_SOURCE.get(id)) + ")"));
    REQUIRED.get(id).stream().filter(k -> !f.containsKey(k))
        .forEach(k -> r.error(node, "a metric of source " + id + " needs '" + k + "'"));
    if (f.containsKey("below") == f.containsKey("above")) {
      r.error(node, "a metric condition needs exactly one of 'below' and 'above'");
      return Optional.empty();
    }
    TriggerCondition.Metric.Direction direction = f.containsKey("below")
        ? TriggerCondition.Metric.Direction.BELOW : TriggerCondition.Metric.Direction.ABOVE;
    Optional<Double> threshold = r.number(f.get(f.containsKey("below") ? "below" : "above"), "threshold");
    if (r.errorCount() != before) {
      return Optional.empty();
    }
    try {
      Optional<MetricSource> read = switch (id) {
        case "model" -> model(r, f);
        case "report" -> report(r, f);
        case "validation" -> (f.containsKey("statistic")
            ? r.choice(f.get("statistic"), "validation statistic", MetricSource.Validation.STATISTICS, s -> s)
            : Optional.of(MetricSource.Validation.STATISTICS.get(0))).map(MetricSource.Validation::new);
        case "server" -> server(r, f);
        default -> prometheus(r, f);
      };
      if (r.errorCount() != before || read.isEmpty() || threshold.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new TriggerCondition.Metric(read.get(), direction, threshold.get(), debounce));
    } catch (IllegalArgumentException e) {
      r.error(node, e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<String> text(NodeReader r, Map<String, Node> f, String key, String what) {
    return Optional.ofNullable(f.get(key)).flatMap(n -> r.scalar(n, what));
  }

  private static Optional<MetricSource> model(NodeReader r, Map<String, Node> f) {
    Optional<String> model = text(r, f, "model", "model");
    Optional<String> alias = text(r, f, "alias", "alias");
    Optional<String> name = text(r, f, "name", "metric name");
    return model.flatMap(m -> name.map(n -> new MetricSource.Model(m, alias, n)));
  }

  private static Optional<MetricSource> report(NodeReader r, Map<String, Node> f) {
    Optional<MetricSource.Report.Kind> kind = r.choice(f.get("report"), "report",
        List.of(MetricSource.Report.Kind.values()), MetricSource.Report.Kind::id);
    Optional<String> feature = text(r, f, "feature", "feature");
    feature.filter(name -> name.indexOf(':') <= 0 || name.indexOf(':') == name.length() - 1)
        .ifPresent(name -> r.error(f.get("feature"), "feature must be view:feature, found '" + name + "'"));
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> statistic = text(r, f, "statistic", "statistic");
    if (statistic.isPresent() && !kind.get().statistics().contains(statistic.get())) {
      r.error(f.get("statistic"), "a " + kind.get().id() + " report has no statistic '" + statistic.get()
          + "' (its statistics: " + String.join(", ", kind.get().statistics()) + ")");
      return Optional.empty();
    }
    return Optional.of(new MetricSource.Report(kind.get(), feature,
        statistic.orElse(kind.get().statistics().get(0))));
  }

  private static Optional<MetricSource> server(NodeReader r, Map<String, Node> f) {
    Optional<String> name = Optional.ofNullable(f.get("name"))
        .flatMap(n -> r.choice(n, "server metric", MetricSource.Server.NAMES, s -> s));
    Duration window = Optional.ofNullable(f.get("window")).flatMap(n -> r.duration(n, "window"))
        .orElse(Duration.ofMinutes(5));
    if (window.isZero() && f.containsKey("window")) {
      r.error(f.get("window"), "window must be longer than 0");
      return Optional.empty();
    }
    return name.map(n -> new MetricSource.Server(n, window));
  }

  private static Optional<MetricSource> prometheus(NodeReader r, Map<String, Node> f) {
    Optional<URI> url = text(r, f, "url", "url").flatMap(text -> {
      try {
        URI uri = new URI(text);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
          r.error(f.get("url"), "url must be an http or https URL with a host, found '" + text + "'");
          return Optional.empty();
        }
        return Optional.of(uri);
      } catch (URISyntaxException e) {
        r.error(f.get("url"), "url is not a URL: " + e.getMessage());
        return Optional.empty();
      }
    });
    Optional<String> name = text(r, f, "name", "metric name");
    name.filter(n -> !MetricSource.Prometheus.METRIC_NAME.matcher(n).matches()).ifPresent(n ->
        r.error(f.get("name"), "'" + n + "' is not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)"));
    Map<String, String> labels = new LinkedHashMap<>();
    if (f.containsKey("labels")) {
      for (NodeTuple tuple : r.tuples(f.get("labels"), "labels")) {
        Optional<String> label = r.scalar(tuple.getKeyNode(), "label name");
        Optional<String> value = r.scalar(tuple.getValueNode(), "label value");
        label.filter(l -> !MetricSource.Prometheus.LABEL_NAME.matcher(l).matches()).ifPresent(l ->
            r.error(tuple.getKeyNode(), "'" + l + "' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)"));
        if (label.isPresent() && value.isPresent()) {
          labels.put(label.get(), value.get());
        }
      }
    }
    Duration timeout = Optional.ofNullable(f.get("timeout")).flatMap(n -> r.duration(n, "timeout"))
        .orElse(Duration.ofSeconds(5));
    if (timeout.isZero()) {
      r.error(f.get("timeout"), "timeout must be longer than 0");
      return Optional.empty();
    }
    return url.flatMap(u -> name.map(n -> new MetricSource.Prometheus(u, n, labels, timeout)));
  }
}
