package dev.parity.server.models;

import static java.util.Objects.requireNonNull;

import dev.parity.server.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /models} (reader): the project's models with their versions and aliases. */
@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
public final class ModelListResource {
  private final ModelsService models;

  public ModelListResource(ModelsService models) {
    this.models = requireNonNull(models, "models is null");
  }

  @GET
  @RolesAllowed(Role.READER_ID)
  public List<ModelSummaryJson> list() {
    return models.list();
  }
}
