package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import dev.parity.definitions.triggers.TriggerCondition;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.MetricObservation;
import dev.parity.registry.metadata.ModelVersionDetail;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The current value of a metric trigger's metric, by its source. Sources are pluggable: each
 * {@link Source} answers for the {@code source:} id it is registered under. {@code model} reads the
 * latest observation of a model's metric ({@code POST /models/{name}/versions/{v}/metrics}): of the
 * version holding the alias if the condition names one, else of any version.
 */
final class MetricWatch {
  /** A metric value and where it came from. */
  record Value(double value, Instant observedAt, String origin) {
    String describe() {
      return origin + " = " + value + " (observed " + observedAt + ")";
    }
  }

  /** Where metric values come from. */
  interface Source {
    Optional<Value> latest(String project, TriggerCondition.Metric condition);
  }

  private final Map<String, Source> sources;

  MetricWatch(MetadataStore metadata) {
    this(Map.of("model", new ModelMetrics(metadata)));
  }

  MetricWatch(Map<String, Source> sources) {
    this.sources = Map.copyOf(requireNonNull(sources, "sources is null"));
  }

  Optional<Value> latest(String project, TriggerCondition.Metric condition) {
    Source source = sources.get(condition.source());
    if (source == null) {
      throw new IllegalStateException("no metric source '" + condition.source() + "' in this server");
    }
    return source.latest(project, condition);
  }

  /** Observations of a model version's metric. */
  private record ModelMetrics(MetadataStore metadata) implements Source {
    @Override
    public Optional<Value> latest(String project, TriggerCondition.Metric condition) {
      Optional<Value> best = Optional.empty();
      for (ModelVersionDetail version : metadata.modelVersionDetails(project, condition.model())) {
        if (condition.alias().isPresent() && !version.aliases().contains(condition.alias().get())) {
          continue;
        }
        String name = condition.model() + " version " + version.version().value().version() + " " + condition.metric();
        Optional<MetricObservation> latest = version.observations().stream()
            .filter(o -> o.metric().equals(condition.metric()))
            .max(Comparator.comparing(MetricObservation::observedAt));
        Optional<Value> value = latest.map(o -> new Value(o.value(), o.observedAt(), name));
        if (value.isPresent() && (best.isEmpty() || value.get().observedAt().isAfter(best.get().observedAt()))) {
          best = value;
        }
      }
      return best;
    }
  }
}
