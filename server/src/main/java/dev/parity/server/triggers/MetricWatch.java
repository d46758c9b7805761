package dev.parity.server.triggers;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.triggers.MetricSource;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.definitions.triggers.TriggerCondition;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.MetricObservation;
import dev.parity.registry.metadata.ModelVersionDetail;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The current value of a metric trigger's metric, by its source ({@link MetricSource}): each
 * {@link Source} answers for the {@code source:} id it is registered under. {@code model} reads the
 * latest observation of a model's metric ({@code POST /models/{name}/versions/{v}/metrics}): of the
 * version holding the alias if the condition names one, else of any version; {@code report}, {@code
 * validation}, {@code server} and {@code prometheus} are {@link ReportMetric}, {@link
 * ValidationMetric}, {@link ServerMetric} and {@link PrometheusMetric}. Used by one scheduler thread.
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
    /**
     * The latest value of {@code trigger}'s metric; empty if there is none yet.
     *
     * @throws MetricUnavailableException if the value cannot be read now
     */
    Optional<Value> latest(String project, FeatureRepository repository, Trigger trigger, MetricSource source);
  }

  private final Map<String, Source> sources;

  /** Every source: stores of the metadata store, the server's metrics, Prometheus endpoints over HTTP. */
  MetricWatch(MetadataStore metadata, MetricRegistry serverMetrics, Clock clock) {
    this(Map.of("model", new ModelMetrics(metadata), "report", new ReportMetric(metadata),
        "validation", new ValidationMetric(metadata), "server", new ServerMetric(serverMetrics, clock),
        "prometheus", new PrometheusMetric(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
            clock)));
  }

  MetricWatch(Map<String, Source> sources) {
    this.sources = Map.copyOf(requireNonNull(sources, "sources is null"));
  }

  Optional<Value> latest(String project, FeatureRepository repository, Trigger trigger) {
    MetricSource metric = ((TriggerCondition.Metric) trigger.condition()).source();
    Source source = sources.get(metric.id());
    if (source == null) {
      throw new IllegalStateException("no metric source '" + metric.id() + "' in this server");
    }
    return source.latest(project, repository, trigger, metric);
  }

  /** Observations of a model version's metric. */
  private record ModelMetrics(MetadataStore metadata) implements Source {
    @Override
    public Optional<Value> latest(String project, FeatureRepository repository, Trigger trigger,
        MetricSource source) {
      MetricSource.Model condition = (MetricSource.Model) source;
      Optional<Value> best = Optional.empty();
      for (ModelVersionDetail version : metadata.modelVersionDetails(project, condition.model())) {
        if (condition.alias().isPresent() && !version.aliases().contains(condition.alias().get())) {
          continue;
        }
        String name = condition.model() + " version " + version.version().value().version() + " " + condition.name();
        Optional<MetricObservation> latest = version.observations().stream()
            .filter(o -> o.metric().equals(condition.name()))
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
