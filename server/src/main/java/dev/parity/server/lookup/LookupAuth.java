package dev.parity.server.lookup;

import static java.util.Objects.requireNonNull;

import dev.parity.server.auth.AuthFactory;
import dev.parity.server.auth.Caller;
import dev.parity.server.auth.Role;
import dev.parity.server.auth.TokenAuthenticator;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The lookup's authentication, as the resources have it: a bearer token of role {@code reader} in
 * the {@code Authorization} header or, as Dropwizard's filter takes it, {@code ?access_token=};
 * 401 without a known token, 403 with one of a lesser role. Nothing when authentication is off.
 * Thread-safe.
 */
final class LookupAuth {
  private final Optional<TokenAuthenticator> authenticator;

  /** @param authenticator the configured tokens, empty when authentication is off */
  LookupAuth(Optional<TokenAuthenticator> authenticator) {
    this.authenticator = requireNonNull(authenticator, "authenticator is null");
  }

  void requireReader(Request request) throws Refusal {
    if (authenticator.isEmpty()) {
      return;
    }
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    Optional<Caller> caller;
    if (header != null) {
      caller = authenticator.get().fromHeader(header);
    } else {
      String token = Request.extractQueryParameters(request).getValue("access_token");
      caller = token == null ? Optional.empty() : authenticator.get().authenticate(token);
    }
    if (caller.isEmpty()) {
      throw new Refusal(401, AuthFactory.UNAUTHORIZED_MESSAGE);
    }
    if (!caller.get().may(Role.READER)) {
      throw new Refusal(403, AuthFactory.FORBIDDEN_MESSAGE);
    }
  }
}
