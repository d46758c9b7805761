package dev.parity.server.core;

import com.codahale.metrics.MetricRegistry;

/**
 * The names of the counters of a feature service's lookups in the server's metrics registry,
 * which the lookup path increments and {@code server} metric triggers read: kept here, below both,
 * so neither package depends on the other. Stateless.
 */
public final class ServiceLookupCounters {
  private ServiceLookupCounters() {}

  /** {@code parity.online.service.NAME.values}: every feature value lookups of the service returned. */
  public static String values(String service) {
    return MetricRegistry.name("parity.online.service", service, "values");
  }

  /** {@code parity.online.service.NAME.not_found}: those of them answered {@code NOT_FOUND}. */
  public static String notFound(String service) {
    return MetricRegistry.name("parity.online.service", service, "not_found");
  }
}
