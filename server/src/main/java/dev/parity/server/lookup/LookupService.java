package dev.parity.server.lookup;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import dev.parity.online.serving.OnlineFeaturesRequest;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.server.core.RepositoryStores;
import dev.parity.server.core.ServedDefinitions;

/**
 * The one way a lookup is made, by {@code POST /get-online-features} and by {@code parity
 * get-online} alike: against the served definitions, so that a service or view not applied to the
 * registry is refused ({@link dev.parity.server.core.NotAppliedException}) instead of served under
 * another definition than the values in Redis were written with, and counted ({@link
 * LookupMetrics}). Thread-safe.
 */
public final class LookupService {
  private final ServedDefinitions served;
  private final LookupMetrics metrics;

  /** Lookups of what {@code served} serves, counted in {@code metrics}. */
  public LookupService(ServedDefinitions served, MetricRegistry metrics) {
    this.served = requireNonNull(served, "served is null");
    this.metrics = new LookupMetrics(requireNonNull(metrics, "metrics is null"));
  }

  /**
   * The lookups of {@code stores}' repository as the server makes them, for the CLI: planned
   * against the registry now ({@link ServedDefinitions#open}); the counts are not kept.
   *
   * @throws dev.parity.registry.RegistryUnavailableException the registry cannot be reached
   */
  public static LookupService open(RepositoryStores stores) {
    return new LookupService(ServedDefinitions.open(stores), new MetricRegistry());
  }

  /**
   * Looks up {@code request}; see {@link ServedDefinitions#get} for what it throws.
   */
  public OnlineFeaturesResponse get(OnlineFeaturesRequest request) {
    OnlineFeaturesResponse response = served.get(request);
    metrics.record(response, served.joinKeys(), request.featureService());
    return response;
  }

  /**
   * The name of the counter of the feature values lookups of {@code service} returned: {@code
   * values} (all of them) or {@code not_found} ({@code parity.online.service.NAME.not_found}).
   */
  public static String serviceValuesMetric(String service, String which) {
    return MetricRegistry.name("parity.online.service", service, which);
  }
}
