package dev.parity.server.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parity.server.errors.ErrorResponse;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens of the application, on Dropwizard's admin context (its own connector, or
 * {@code /admin} on a {@code simple} server): {@code /tasks/*} (garbage collection, log levels)
 * needs role {@code admin}; everything else ({@code /metrics}, {@code /threads},
 * {@code /healthcheck}, {@code /ping}, the menu) {@code reader}, except {@code /healthcheck} and
 * {@code /ping} when health checks are open. Tokens come as on the application side: the
 * {@code Authorization: Bearer} header, else the {@code access_token} query parameter (never a
 * form field: reading the body would take it from the task). Refusals are JSON: 401 with the
 * challenge, 403. Thread-safe.
 */
final class AdminAuthFilter implements Filter {
  private static final String TASKS = "/tasks";
  private static final Set<String> HEALTH_CHECKS = Set.of("/healthcheck", "/ping");
  private static final String ACCESS_TOKEN = "access_token";
  private final TokenAuthenticator authenticator;
  private final boolean openHealthChecks;
  private final ObjectMapper mapper;

  AdminAuthFilter(TokenAuthenticator authenticator, boolean openHealthChecks, ObjectMapper mapper) {
    this.authenticator = requireNonNull(authenticator, "authenticator is null");
    this.openHealthChecks = openHealthChecks;
    this.mapper = requireNonNull(mapper, "mapper is null");
  }

  @Override
  public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) servletRequest;
    HttpServletResponse response = (HttpServletResponse) servletResponse;
    Optional<Role> required = required(request);
    if (required.isPresent()) {
      Optional<Caller> caller = caller(request);
      if (caller.isEmpty()) {
        response.setHeader("WWW-Authenticate", AuthFactory.CHALLENGE);
        refuse(response, 401, AuthFactory.UNAUTHORIZED_MESSAGE);
        return;
      }
      if (!caller.get().may(required.get())) {
        refuse(response, 403, AuthFactory.FORBIDDEN_MESSAGE);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** The role a request needs, empty if none; by its decoded, normalized path inside the admin context. */
  private Optional<Role> required(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (path.equals(TASKS) || path.startsWith(TASKS + "/")) {
      return Optional.of(Role.ADMIN);
    }
    return openHealthChecks && HEALTH_CHECKS.contains(path) ? Optional.empty() : Optional.of(Role.READER);
  }

  private Optional<Caller> caller(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null) {
      return authenticator.fromHeader(header);
    }
    return accessToken(request.getQueryString()).flatMap(authenticator::authenticate);
  }

  private static Optional<String> accessToken(String query) {
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(ACCESS_TOKEN)) {
        try {
          return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
          // A malformed escape is no token: the request is answered 401.
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private void refuse(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(mapper.writeValueAsBytes(new ErrorResponse(status, message)));
  }
}
