package dev.parity.server.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.triggers.MetricSource;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.SkewReport;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A statistic of the latest stored report of the trigger's service ({@code skew-report},
 * {@code consistency-report}, {@code POST /reports/...}) of the condition's kind, read from the
 * metadata store, so every server sees the same report and a restart changes nothing: one
 * feature's, or the largest over the report's features. A report that does not have the
 * statistic for the feature (undefined for its type) gives no value. Stateless.
 */
final class ReportMetric implements MetricWatch.Source {
  /** Reports looked through for the latest of the kind (reports of both kinds are listed together). */
  private static final int LOOK_BACK = 50;
  private final MetadataStore metadata;

  ReportMetric(MetadataStore metadata) {
    this.metadata = metadata;
  }

  @Override
  public Optional<MetricWatch.Value> latest(String project, FeatureRepository repository, Trigger trigger,
      MetricSource source) {
    MetricSource.Report condition = (MetricSource.Report) source;
    for (Recorded<SkewReport> report : metadata.skewReports(project, trigger.service(), LOOK_BACK, 0)) {
      if (!report.value().kind().equals(condition.report().storedKind())) {
        continue;
      }
      OptionalDouble value = statistic(report.value().report(), condition);
      if (value.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new MetricWatch.Value(value.getAsDouble(), report.recordedAt(),
          condition.report().id() + " report " + report.id() + " " + condition.statistic() + " of "
              + condition.feature().orElse("its worst feature")));
    }
    return Optional.empty();
  }

  private static OptionalDouble statistic(JsonNode report, MetricSource.Report condition) {
    OptionalDouble worst = OptionalDouble.empty();
    for (JsonNode feature : report.path("features")) {
      if (condition.feature().isPresent() && !condition.feature().get().equals(feature.path("feature").asText())) {
        continue;
      }
      OptionalDouble value = value(feature, condition);
      if (value.isPresent() && (worst.isEmpty() || value.getAsDouble() > worst.getAsDouble())) {
        worst = value;
      }
    }
    return worst;
  }

  private static OptionalDouble value(JsonNode feature, MetricSource.Report condition) {
    JsonNode number;
    if (condition.report() == MetricSource.Report.Kind.CONSISTENCY) {
      // Stored from the report record: camel case; snake case as the report's own JSON writes it.
      number = feature.has("mismatchRate") ? feature.get("mismatchRate") : feature.path("mismatch_rate");
    } else {
      number = null;
      for (JsonNode statistic : feature.path("statistics")) {
        if (condition.statistic().equals(statistic.path("name").asText())) {
          number = statistic.path("value");
        }
      }
    }
    return number != null && number.isNumber() && Double.isFinite(number.asDouble())
        ? OptionalDouble.of(number.asDouble()) : OptionalDouble.empty();
  }
}
