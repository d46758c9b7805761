package dev.parity.server.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.parity.server.core.AllowedPaths;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code paths} section of the server configuration: {@code allowed: [/data/shared]}, the
 * directories requests may name files in besides the feature repository and its
 * {@code offline.path} (see {@link AllowedPaths}). Relative entries are relative to the
 * repository.
 */
public class PathsFactory {
  @Valid
  @NotNull
  @JsonProperty
  private List<@NotEmpty String> allowed = List.of();

  public List<String> getAllowed() {
    return allowed;
  }

  public void setAllowed(List<String> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** The paths requests may name in the repository at {@code repositoryRoot}. */
  public AllowedPaths build(Path repositoryRoot) {
    Path root = repositoryRoot.toAbsolutePath().normalize();
    return new AllowedPaths(allowed.stream().map(entry -> root.resolve(entry).normalize()).toList());
  }
}
