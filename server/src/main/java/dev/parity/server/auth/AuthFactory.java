package dev.parity.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.server.errors.ErrorResponse;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.jetty.setup.ServletEnvironment;
import jakarta.servlet.DispatcherType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * The {@code auth} section of the server configuration: {@code tokens: [{token, roles, name}]},
 * and {@code openHealthChecks} (default false): whether the admin connector's {@code /healthcheck}
 * and {@code /ping} answer without a token, for load balancers. Without tokens authentication is
 * off, which the server allows on loopback addresses only, application and admin connectors alike.
 */
public class AuthFactory {
  /** The scheme of the {@code Authorization} header. */
  public static final String PREFIX = "Bearer";
  /** The realm named in the 401's {@code WWW-Authenticate} challenge. */
  public static final String REALM = "parity";
  /** The challenge a 401 carries: {@code Bearer realm="parity"}. */
  public static final String CHALLENGE = PREFIX + " realm=\"" + REALM + "\"";
  /** The message of a 401. */
  public static final String UNAUTHORIZED_MESSAGE = "a valid bearer token is required (Authorization: Bearer TOKEN)";
  /** The message of a 403. */
  public static final String FORBIDDEN_MESSAGE = "the roles of this token do not allow this request";

  @Valid
  @NotNull
  @JsonProperty
  private List<@NotNull @Valid TokenConfig> tokens = List.of();

  @JsonProperty
  private boolean openHealthChecks;

  public List<TokenConfig> getTokens() {
    return tokens;
  }

  public void setTokens(List<TokenConfig> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  public boolean isOpenHealthChecks() {
    return openHealthChecks;
  }

  public void setOpenHealthChecks(boolean openHealthChecks) {
    this.openHealthChecks = openHealthChecks;
  }

  /** Whether any token is configured, and so requests must carry one. */
  public boolean enabled() {
    return !tokens.isEmpty();
  }

  /**
   * Registers the bearer filter and role checks with Jersey, when enabled; otherwise nothing
   * (role annotations are then not enforced).
   *
   * @throws IllegalArgumentException if two entries have the same token
   */
  public void register(JerseyEnvironment jersey) {
    Optional<TokenAuthenticator> authenticator = authenticator();
    if (authenticator.isEmpty()) {
      return;
    }
    jersey.register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<Caller>()
        .setAuthenticator(authenticator.get())
        .setAuthorizer((caller, role, request) -> caller.may(Role.fromId(role)))
        .setPrefix(PREFIX)
        .setRealm(REALM)
        .setUnauthorizedHandler(new JsonUnauthorizedHandler())
        .buildAuthFilter()));
    jersey.register(RolesAllowedDynamicFeature.class);
    jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
  }

  /**
   * Puts the admin context (Dropwizard's tasks, metrics, threads, health checks) behind the same
   * tokens, when enabled: role {@code admin} for {@code /tasks/*}, {@code reader} for the rest,
   * none for {@code /healthcheck} and {@code /ping} if {@code openHealthChecks}. Refusals are
   * written as JSON by {@code mapper}.
   *
   * @throws IllegalArgumentException if two entries have the same token
   */
  public void registerAdmin(ServletEnvironment admin, ObjectMapper mapper) {
    Optional<TokenAuthenticator> authenticator = authenticator();
    if (authenticator.isEmpty()) {
      return;
    }
    admin.addFilter("parity-auth", new AdminAuthFilter(authenticator.get(), openHealthChecks, mapper))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
  }

  /**
   * The configured tokens' authenticator, for handlers that answer without Jersey; empty when
   * authentication is off.
   *
   * @throws IllegalArgumentException if two entries have the same token
   */
  public Optional<TokenAuthenticator> authenticator() {
    if (!enabled()) {
      return Optional.empty();
    }
    Set<String> seen = new HashSet<>();
    for (TokenConfig token : tokens) {
      if (!seen.add(token.getToken())) {
        throw new IllegalArgumentException("auth.tokens: a token is configured twice; give each caller its own");
      }
    }
    return Optional.of(new TokenAuthenticator(tokens));
  }

  /** 401 as JSON, with the challenge header clients expect. */
  private static final class JsonUnauthorizedHandler implements UnauthorizedHandler {
    @Override
    public Response buildResponse(String prefix, String realm) {
      return Response.status(Response.Status.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new ErrorResponse(401, UNAUTHORIZED_MESSAGE))
          .build();
    }

    @Override
    public RuntimeException buildException(String prefix, String realm) {
      return new WebApplicationException(buildResponse(prefix, realm));
    }
  }
}
