package dev.parity.server.resources;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import dev.parity.online.OnlineRequestException;
import dev.parity.online.serving.OnlineFeaturesResponse;
import dev.parity.server.api.GetOnlineFeaturesRequestJson;
import dev.parity.server.api.OnlineFeaturesJson;
import dev.parity.server.app.ServedDefinitions;
import dev.parity.server.auth.Role;
import dev.parity.server.errors.RequestTooLargeException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * {@code POST /get-online-features} as Feast's feature server has it (SPEC §4). Errors: 400 bad
 * request, 404 unknown service or view, 409 definitions not applied, 413 more than
 * {@code maxEntityRows} rows, 503 Redis unavailable. Role {@code reader}.
 */
@Path("/get-online-features")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class OnlineFeaturesResource {
  private final ServedDefinitions served;
  private final int maxEntityRows;
  private final LookupMetrics metrics;

  public OnlineFeaturesResource(ServedDefinitions served, int maxEntityRows, MetricRegistry metrics) {
    this.served = requireNonNull(served, "served is null");
    if (maxEntityRows < 1) {
      throw new IllegalArgumentException("maxEntityRows must be at least 1, got " + maxEntityRows);
    }
    this.maxEntityRows = maxEntityRows;
    this.metrics = new LookupMetrics(metrics);
  }

  @POST
  @Timed(name = "parity.http.get-online-features", absolute = true)
  @ExceptionMetered(name = "parity.http.get-online-features", absolute = true)
  @RolesAllowed(Role.READER_ID)
  public StreamingOutput getOnlineFeatures(GetOnlineFeaturesRequestJson body) {
    if (body == null) {
      throw new OnlineRequestException("the request body is empty; expected JSON such as "
          + "{\"feature_service\": \"...\", \"entities\": {\"driver_id\": [1001]}}");
    }
    int rows = body.rowCount();
    if (rows > maxEntityRows) {
      throw new RequestTooLargeException(rows + " entity rows in one request; this server takes at most "
          + maxEntityRows + " (maxEntityRows): split the request");
    }
    OnlineFeaturesResponse response = served.get(body.toRequest());
    metrics.record(response, served.joinKeys());
    return out -> OnlineFeaturesJson.write(response, out);
  }
}
