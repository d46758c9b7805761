package dev.parity.definitions.yaml;

import dev.parity.definitions.DriftStatistic;
import dev.parity.definitions.FeatureRef;
import dev.parity.definitions.Monitoring;
import dev.parity.definitions.Names;
import dev.parity.definitions.SelectionException;
import dev.parity.definitions.Thresholds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the {@code monitoring:} block of a feature view or service: statistic thresholds
 * ({@code psi js linf ks wasserstein null_rate}) for every feature, and under {@code features:}
 * for single features (by name in a view, {@code view:feature} in a service). Checks the shape and
 * the ranges here; whether the features exist and the statistics fit their types is checked with
 * the whole repository (each element is located at {@code <base>/monitoring/...} for that).
 */
final class MonitoringReader {
  private static final List<String> STATISTICS = Arrays.stream(DriftStatistic.values()).map(DriftStatistic::yamlName).toList();
  private static final List<String> BLOCK_KEYS = concat(STATISTICS, "features");

  private final DefinitionReader definitions;
  private final NodeReader r;

  MonitoringReader(DefinitionReader definitions, NodeReader r) {
    this.definitions = definitions;
    this.r = r;
  }

  /**
   * @param base the object's element path ({@code feature_view/v})
   * @param byReference whether features are named {@code view:feature} (a service) rather than by name
   */
  Optional<Monitoring> read(Node node, String base, boolean byReference) {
    int before = r.errorCount();
    String path = base + "/monitoring";
    Optional<Map<String, Node>> fields = r.mapping(node, "monitoring", BLOCK_KEYS, List.of());
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Thresholds thresholds = thresholds(fields.get(), path);
    Map<String, Thresholds> features = new LinkedHashMap<>();
    Node featuresNode = fields.get().get("features");
    if (featuresNode != null) {
      for (NodeTuple tuple : r.tuples(featuresNode, "features of monitoring")) {
        Optional<String> key = featureKey(tuple.getKeyNode(), byReference);
        if (key.isEmpty()) {
          continue;
        }
        if (features.containsKey(key.get())) {
          r.error(tuple.getKeyNode(), "feature '" + key.get() + "' is listed twice in monitoring");
          continue;
        }
        String featurePath = path + "/features/" + key.get();
        definitions.locator.put(featurePath, r.file, tuple.getKeyNode());
        r.mapping(tuple.getValueNode(), "thresholds of feature '" + key.get() + "'", STATISTICS, List.of())
            .ifPresent(entry -> features.put(key.get(), thresholds(entry, featurePath)));
      }
    }
    return r.errorCount() == before ? Optional.of(new Monitoring(thresholds, features)) : Optional.empty();
  }

  /** A feature name (views) or a {@code view:feature} reference, written back in that form (services). */
  private Optional<String> featureKey(Node node, boolean byReference) {
    if (!byReference) {
      return r.identifier(node, "feature name");
    }
    return r.scalar(node, "feature reference").flatMap(text -> {
      try {
        FeatureRef ref = FeatureRef.parse(text);
        if (Names.isIdentifier(ref.view()) && Names.isIdentifier(ref.feature())) {
          return Optional.of(ref.requestForm());
        }
      } catch (SelectionException e) {
        // reported below with the expected form
      }
      r.error(node, "feature reference '" + text + "' in monitoring is not of the form view:feature");
      return Optional.empty();
    });
  }

  private Thresholds thresholds(Map<String, Node> fields, String path) {
    Map<DriftStatistic, Double> values = new EnumMap<>(DriftStatistic.class);
    fields.forEach((key, value) -> DriftStatistic.fromYamlName(key).ifPresent(statistic -> {
      definitions.locator.put(path + "/" + key, r.file, value);
      r.number(value, key + " threshold").ifPresent(v -> {
        if (v < 0 || v > statistic.upperBound()) {
          r.error(value, key + " threshold must be " + (Double.isInfinite(statistic.upperBound())
              ? "at least 0" : "between 0 and " + (long) statistic.upperBound()) + ", found " + v);
        } else {
          values.put(statistic, v);
        }
      });
    }));
    return new Thresholds(values);
  }

  private static List<String> concat(List<String> list, String item) {
    List<String> all = new ArrayList<>(list);
    all.add(item);
    return List.copyOf(all);
  }
}
