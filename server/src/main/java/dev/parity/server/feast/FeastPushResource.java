package dev.parity.server.feast;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.server.api.PushRequestJson;
import dev.parity.server.auth.Role;
import dev.parity.server.errors.InvalidRequestException;
import dev.parity.server.resources.PushResource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * {@code POST /push}: Feast's push, the source named in the body ({@code push_source_name}), the
 * same in every other respect as {@code POST /push/{source}} ({@link PushResource}, which it
 * calls): {@code to} is {@code online} (default), {@code offline} or {@code online_and_offline},
 * anything else a 400 naming those. A Feast push source name is mapped to a Parity source by the
 * server's {@code feast.pushSources}, or else names one directly. Errors as {@code /push/{source}}
 * (an unknown source 404), in Feast's shape when asked ({@link FeastErrors}). Role {@code writer}.
 */
@Path("/push")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class FeastPushResource {
  private final PushResource pushes;
  private final FeastFactory feast;
  private final FeastErrors errors;
  private final ObjectMapper mapper;

  public FeastPushResource(PushResource pushes, FeastFactory feast, FeastErrors errors, ObjectMapper mapper) {
    this.pushes = requireNonNull(pushes, "pushes is null");
    this.feast = requireNonNull(feast, "feast is null");
    this.errors = requireNonNull(errors, "errors is null");
    this.mapper = requireNonNull(mapper, "mapper is null");
  }

  /** The body is read here, not by Jersey, so that a malformed one is answered in the shape asked for too. */
  @POST
  @Timed(name = "parity.http.feast-push", absolute = true)
  @RolesAllowed(Role.WRITER_ID)
  public Response push(@HeaderParam(FeastErrors.HEADER) String format, byte[] body) {
    try {
      PushRequestJson request = FeastRequests.read(mapper, body, PushRequestJson.class,
          "{\"push_source_name\": \"driver_stats\", \"df\": {\"driver_id\": [1001], ...}, \"to\": \"online\"}");
      if (request.pushSourceName() == null) {
        throw new InvalidRequestException("push_source_name is missing: name the push source (or use "
            + "POST /push/{source})");
      }
      String source = feast.source(request.pushSourceName());
      return Response.ok(pushes.push(source, new PushRequestJson(null, request.df(), request.to()))).build();
    } catch (RuntimeException | IOException failure) {
      return errors.response(format, failure);
    }
  }
}
