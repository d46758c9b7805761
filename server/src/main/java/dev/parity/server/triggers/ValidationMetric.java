package dev.parity.server.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parity.definitions.FeatureRepository;
import dev.parity.definitions.triggers.MetricSource;
import dev.parity.definitions.triggers.Trigger;
import dev.parity.registry.metadata.MetadataStore;
import dev.parity.registry.metadata.Recorded;
import dev.parity.registry.metadata.ValidationResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data validation of the trigger's service, from the results the metadata store recorded
 * (each materialization, push and trigger run validates the views it reads, target {@code
 * feature_view:NAME}): for each view of the service with {@code validation:} rules, its latest
 * result; {@code failed_checks} sums their failed checks, {@code failed_views} counts the views
 * whose latest result failed. No value until one of the views has a result. Stateless.
 */
final class ValidationMetric implements MetricWatch.Source {
  /** Results looked through for each view's latest (newest first). */
  private static final int LOOK_BACK = 1000;
  private static final int PAGE = 200;
  private final MetadataStore metadata;

  ValidationMetric(MetadataStore metadata) {
    this.metadata = metadata;
  }

  @Override
  public Optional<MetricWatch.Value> latest(String project, FeatureRepository repository, Trigger trigger,
      MetricSource source) {
    MetricSource.Validation condition = (MetricSource.Validation) source;
    List<String> views = repository.featureService(trigger.service()).map(s -> s.features().keySet().stream()
        .filter(view -> repository.featureView(view).flatMap(v -> v.validation()).isPresent()).sorted().toList())
        .orElse(List.of());
    Map<String, Recorded<ValidationResult>> latest = new HashMap<>();
    for (int offset = 0; offset < LOOK_BACK && latest.size() < views.size(); offset += PAGE) {
      List<Recorded<ValidationResult>> page = metadata.validations(project, PAGE, offset);
      for (Recorded<ValidationResult> result : page) {
        String target = result.value().target();
        if (target.startsWith("feature_view:") && views.contains(target.substring("feature_view:".length()))) {
          latest.putIfAbsent(target.substring("feature_view:".length()), result);
        }
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    long failedChecks = 0;
    long failedViews = 0;
    Instant newest = Instant.MIN;
    for (Recorded<ValidationResult> result : latest.values()) {
      if (!result.value().passed()) {
        failedViews++;
      }
      for (JsonNode check : result.value().report().path("checks")) {
        if (!check.path("passed").asBoolean(true)) {
          failedChecks++;
        }
      }
      newest = result.recordedAt().isAfter(newest) ? result.recordedAt() : newest;
    }
    double value = condition.statistic().equals("failed_views") ? failedViews : failedChecks;
    return Optional.of(new MetricWatch.Value(value, newest, "validation " + condition.statistic() + " of "
        + String.join(", ", latest.keySet().stream().sorted().toList())));
  }
}
