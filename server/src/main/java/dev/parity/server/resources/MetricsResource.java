package dev.parity.server.resources;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import dev.parity.server.auth.Role;
import dev.parity.server.health.PrometheusText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /metrics}: every metric of the server (request timers per endpoint, lookups by
 * status, Redis timings, JVM and Jetty) in Prometheus' text format. Role {@code reader}.
 */
@Path("/metrics")
public final class MetricsResource {
  private final MetricRegistry metrics;

  public MetricsResource(MetricRegistry metrics) {
    this.metrics = requireNonNull(metrics, "metrics is null");
  }

  @GET
  @RolesAllowed(Role.READER_ID)
  public Response metrics() {
    return Response.ok(PrometheusText.render(metrics), PrometheusText.CONTENT_TYPE).build();
  }
}
