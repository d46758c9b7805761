package dev.parity.server.models;

import static java.util.Objects.requireNonNull;

import dev.parity.registry.metadata.ModelNotFoundException;
import dev.parity.registry.metadata.ModelVersionExistsException;
import dev.parity.registry.metadata.PromotionRefusedException;
import dev.parity.server.errors.ErrorResponse;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.time.Clock;

/**
 * Registers the models resource and the statuses of its failures with Jersey: an unknown model,
 * version, alias holder or training set 404; a version registered twice 409; a promotion its
 * gates refused 409 with {@code failed_gates}; a protected alias moved without admin 403.
 */
public final class ModelsFeature implements Feature {
  private final ModelsService models;
  private final Clock clock;

  public ModelsFeature(ModelsService models, Clock clock) {
    this.models = requireNonNull(models, "models is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(new ModelsResource(models, clock));
    context.register(new ModelListResource(models));
    context.register(new NotFound());
    context.register(new Exists());
    context.register(new Refused());
    context.register(new Forbidden());
    return true;
  }

  private static Response error(int status, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(status, message))
        .build();
  }

  static final class NotFound implements ExceptionMapper<ModelNotFoundException> {
    @Override
    public Response toResponse(ModelNotFoundException e) {
      return error(404, e.getMessage());
    }
  }

  static final class Exists implements ExceptionMapper<ModelVersionExistsException> {
    @Override
    public Response toResponse(ModelVersionExistsException e) {
      return error(409, e.getMessage());
    }
  }

  static final class Forbidden implements ExceptionMapper<AliasProtectedException> {
    @Override
    public Response toResponse(AliasProtectedException e) {
      return error(403, e.getMessage());
    }
  }

  static final class Refused implements ExceptionMapper<PromotionRefusedException> {
    @Override
    public Response toResponse(PromotionRefusedException e) {
      return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE).entity(RefusalJson.of(e)).build();
    }
  }
}
