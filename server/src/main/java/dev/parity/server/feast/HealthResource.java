package dev.parity.server.feast;

import static java.util.Objects.requireNonNull;

import dev.parity.server.errors.ErrorResponse;
import dev.parity.server.auth.AuthFactory;
import dev.parity.server.auth.Caller;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenAuthenticator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /health} on the application port, as Feast's feature server has it (what its clients
 * and deployments probe): 200 {@code {"status": "ok"}} while the server serves. It says the process
 * answers, not that Redis or the registry do: those are the admin port's {@code /healthcheck}, and
 * a liveness probe failing on a Redis outage would restart servers that are fine. Like the admin
 * port's health checks it needs role {@code reader} when authentication is on, unless {@code
 * auth.openHealthChecks}. Thread-safe.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
  private static final Map<String, String> OK = Map.of("status", "ok");
  private final Optional<TokenAuthenticator> authenticator;

  /** @param authenticator the tokens to check, empty when the health check is open */
  public HealthResource(Optional<TokenAuthenticator> authenticator) {
    this.authenticator = requireNonNull(authenticator, "authenticator is null");
  }

  @GET
  public Response health(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @QueryParam("access_token") String accessToken) {
    if (authenticator.isPresent()) {
      Optional<Caller> caller = authorization != null ? authenticator.get().fromHeader(authorization)
          : accessToken != null ? authenticator.get().authenticate(accessToken) : Optional.empty();
      if (caller.isEmpty()) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, AuthFactory.CHALLENGE)
            .type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorResponse(401, AuthFactory.UNAUTHORIZED_MESSAGE))
            .build();
      }
      if (!caller.get().may(Role.READER)) {
        return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorResponse(403, AuthFactory.FORBIDDEN_MESSAGE)).build();
      }
    }
    return Response.ok(OK).build();
  }
}
