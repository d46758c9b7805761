package dev.parity.server.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * One configured bearer token: {@code {token: "...", roles: [reader], name: "scorer"}}. The name
 * (default {@code token-N}) is what logs show; the token itself is never logged.
 */
public class TokenConfig {
  @NotEmpty
  @Size(min = 16, message = "must be at least 16 characters: a short token can be guessed")
  @JsonProperty
  private String token;

  @NotEmpty
  @JsonProperty
  private Set<@NotNull Role> roles = Set.of();

  @JsonProperty
  private String name;

  public TokenConfig() {}

  public TokenConfig(String token, Set<Role> roles, String name) {
    this.token = token;
    this.roles = Set.copyOf(roles);
    this.name = name;
  }

  public String getToken() {
    return token;
  }

  public Set<Role> getRoles() {
    return roles;
  }

  public String getName() {
    return name;
  }
}
