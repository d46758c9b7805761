package dev.parity.server.auth;

import io.dropwizard.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the caller of a bearer token among the configured ones. Every token is compared in
 * constant time, so response times do not reveal how much of a guess was right. Thread-safe.
 */
public final class TokenAuthenticator implements Authenticator<String, Caller> {
  private record Entry(byte[] token, Caller caller) {}

  private final List<Entry> entries = new ArrayList<>();

  TokenAuthenticator(List<TokenConfig> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      TokenConfig config = tokens.get(i);
      String name = config.getName() == null ? "token-" + (i + 1) : config.getName();
      entries.add(new Entry(config.getToken().getBytes(StandardCharsets.UTF_8), new Caller(name, config.getRoles())));
    }
  }

  /**
   * The caller of an {@code Authorization} header's bearer token (scheme matched ignoring case,
   * as Dropwizard's filter does), or empty if there is no header, another scheme or an unknown
   * token.
   */
  public Optional<Caller> fromHeader(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    int space = authorization.indexOf(' ');
    if (space <= 0 || !AuthFactory.PREFIX.equalsIgnoreCase(authorization.substring(0, space))) {
      return Optional.empty();
    }
    return authenticate(authorization.substring(space + 1));
  }

  @Override
  public Optional<Caller> authenticate(String credentials) {
    byte[] given = credentials.getBytes(StandardCharsets.UTF_8);
    Caller found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.token(), given)) {
        found = entry.caller();
      }
    }
    return Optional.ofNullable(found);
  }
}
