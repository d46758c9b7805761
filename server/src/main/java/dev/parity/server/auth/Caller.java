package dev.parity.server.auth;

import static java.util.Objects.requireNonNull;

import java.security.Principal;
import java.util.Set;

/** An authenticated caller: the configured name of its token and the roles it holds. */
public record Caller(String name, Set<Role> roles) implements Principal {
  public Caller {
    requireNonNull(name, "name is null");
    roles = Set.copyOf(requireNonNull(roles, "roles are null"));
  }

  @Override
  public String getName() {
    return name;
  }

  /** Whether one of the caller's roles includes {@code required}. */
  public boolean may(Role required) {
    return roles.stream().anyMatch(role -> role.includes(required));
  }
}
