package dev.parity.server.resources;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import dev.parity.definitions.FeatureRepository;
import dev.parity.server.api.PushRequestJson;
import dev.parity.server.api.PushResultJson;
import dev.parity.server.auth.Role;
import dev.parity.server.core.ServedDefinitions;
import dev.parity.server.errors.InvalidRequestException;
import dev.parity.server.errors.RequestTooLargeException;
import dev.parity.server.push.PushMetrics;
import dev.parity.server.push.PushResult;
import dev.parity.server.push.PushService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /push/{source}}: Feast's push with the source in the path (docs/online.md), answered when
 * the rows are written. Errors: 400 a bad row (naming row and column), column, target or failed
 * validation; 404 unknown source; 409 repository not applied; 413 more than {@code maxEntityRows}
 * rows; 503 Redis unavailable. Role {@code writer}.
 */
@Path("/push/{source}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class PushResource {
  private final PushService pushes;
  private final ServedDefinitions served;
  private final int maxRows;
  private final PushMetrics metrics;

  /**
   * @param maxRows the most rows one request may push (the server's {@code maxEntityRows})
   * @param metrics where rows pushed per source are counted
   */
  public PushResource(PushService pushes, ServedDefinitions served, int maxRows, MetricRegistry metrics) {
    this.pushes = requireNonNull(pushes, "pushes is null");
    this.served = requireNonNull(served, "served is null");
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
    }
    this.maxRows = maxRows;
    this.metrics = new PushMetrics(requireNonNull(metrics, "metrics is null"));
  }

  @POST
  @Timed(name = "parity.http.push", absolute = true)
  @ExceptionMetered(name = "parity.http.push", absolute = true)
  @RolesAllowed(Role.WRITER_ID)
  public PushResultJson push(@PathParam("source") String source, PushRequestJson body) {
    if (body == null) {
      throw new InvalidRequestException("the request body is empty; expected JSON such as {\"df\": {\"driver_id\": "
          + "[1001], \"event_timestamp\": [\"2026-01-31T00:00:00Z\"], ...}, \"to\": \"online\"}");
    }
    body.requireSource(source);
    int rows = body.rowCount();
    if (rows > maxRows) {
      throw new RequestTooLargeException(rows + " rows in one push; this server takes at most " + maxRows
          + " (maxEntityRows): split the push");
    }
    FeatureRepository repository = served.repository();
    PushResult result = pushes.push(repository, source, body.rows(), body.target());
    metrics.record(result);
    return PushResultJson.of(result, repository.root());
  }
}
