package dev.parity.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.server.api.ErrorResponse;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.UnauthorizedHandler;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * The {@code auth} section of the server configuration: {@code tokens: [{token, roles, name}]}.
 * Without tokens authentication is off, which the server allows on loopback addresses only.
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

  public List<TokenConfig> getTokens() {
    return tokens;
  }

  public void setTokens(List<TokenConfig> tokens) {
    this.tokens = List.copyOf(tokens);
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
