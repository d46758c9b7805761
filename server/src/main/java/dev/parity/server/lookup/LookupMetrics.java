package dev.parity.server.lookup;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import dev.parity.online.FeatureValue;
import dev.parity.online.serving.FeatureVector;
import dev.parity.online.serving.OnlineFeaturesResponse;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what lookups return: entity rows per request ({@code parity.online.entity-rows}) and
 * feature values by status ({@code parity.online.values.present}, {@code .not_found}...). Join
 * key columns, which echo the request, are not counted. A lookup of a feature service is also
 * counted under the service ({@link LookupService#serviceValuesMetric}), so a metric trigger can
 * watch the share of its values not found. Thread-safe.
 */
final class LookupMetrics {
  private final Histogram rows;
  private final Map<FeatureValue.Status, Counter> statuses = new EnumMap<>(FeatureValue.Status.class);
  private final MetricRegistry registry;
  // Per service: all values, then those not found; created on the service's first lookup.
  private final Map<String, Counter[]> services = new ConcurrentHashMap<>();

  LookupMetrics(MetricRegistry metrics) {
    this.registry = metrics;
    rows = metrics.histogram("parity.online.entity-rows");
    for (FeatureValue.Status status : FeatureValue.Status.values()) {
      statuses.put(status, metrics.counter("parity.online.values." + status.name().toLowerCase(Locale.ROOT)));
    }
  }

  void record(OnlineFeaturesResponse response, Set<String> joinKeys, Optional<String> service) {
    rows.update(response.rowCount());
    long[] counts = new long[FeatureValue.Status.values().length];
    for (int c = 0; c < response.results().size(); c++) {
      if (joinKeys.contains(response.featureNames().get(c))) {
        continue;
      }
      FeatureVector column = response.results().get(c);
      for (FeatureValue value : column.entries()) {
        counts[value.status().ordinal()]++;
      }
    }
    for (FeatureValue.Status status : FeatureValue.Status.values()) {
      if (counts[status.ordinal()] > 0) {
        statuses.get(status).inc(counts[status.ordinal()]);
      }
    }
    if (service.isPresent()) {
      Counter[] counters = services.computeIfAbsent(service.get(), name -> new Counter[] {
          registry.counter(LookupService.serviceValuesMetric(name, "values")),
          registry.counter(LookupService.serviceValuesMetric(name, "not_found"))});
      long total = 0;
      for (long count : counts) {
        total += count;
      }
      counters[0].inc(total);
      counters[1].inc(counts[FeatureValue.Status.NOT_FOUND.ordinal()]);
    }
  }
}
