package dev.parity.server.resources;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import dev.parity.offline.Progress;
import dev.parity.server.api.MaterializationJson;
import dev.parity.server.api.MaterializeRequestJson;
import dev.parity.server.core.ServedDefinitions;
import dev.parity.server.auth.Role;
import dev.parity.server.errors.InvalidRequestException;
import dev.parity.server.core.MaterializationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /materialize} and {@code POST /materialize-incremental}, as Feast's feature server
 * has them: the request returns when the run is done (each view's run is recorded in the
 * metadata store, see {@code GET /runs}). Only a repository identical to its registry is
 * materialized (409 otherwise). Role {@code writer}.
 */
@Path("/")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class MaterializationResource {
  private final MaterializationService materializations;
  private final ServedDefinitions served;

  public MaterializationResource(MaterializationService materializations, ServedDefinitions served) {
    this.materializations = requireNonNull(materializations, "materializations is null");
    this.served = requireNonNull(served, "served is null");
  }

  @POST
  @Path("materialize")
  @Timed(name = "parity.http.materialize", absolute = true)
  @ExceptionMetered(name = "parity.http.materialize", absolute = true)
  @RolesAllowed(Role.WRITER_ID)
  public MaterializationJson materialize(MaterializeRequestJson body) {
    MaterializeRequestJson request = required(body);
    return MaterializationJson.of(materializations.materialize(served.repository(), request.start(), request.end(),
        request.views(), new Progress() {}));
  }

  @POST
  @Path("materialize-incremental")
  @Timed(name = "parity.http.materialize-incremental", absolute = true)
  @ExceptionMetered(name = "parity.http.materialize-incremental", absolute = true)
  @RolesAllowed(Role.WRITER_ID)
  public MaterializationJson materializeIncremental(MaterializeRequestJson body) {
    MaterializeRequestJson request = required(body);
    return MaterializationJson.of(materializations.materializeIncremental(served.repository(), request.end(),
        request.views(), new Progress() {}));
  }

  private static MaterializeRequestJson required(MaterializeRequestJson body) {
    if (body == null) {
      throw new InvalidRequestException("the request body is empty; expected JSON such as "
          + "{\"start_ts\": \"2026-01-01T00:00:00Z\", \"end_ts\": \"2026-01-31T00:00:00Z\"}");
    }
    return body;
  }
}
