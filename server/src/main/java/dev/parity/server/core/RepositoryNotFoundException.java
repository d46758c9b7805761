package dev.parity.server.core;

import dev.parity.ParityException;
import java.nio.file.Path;

/** The path given as the feature repository is not a directory. */
public final class RepositoryNotFoundException extends ParityException {
  private final Path path;

  public RepositoryNotFoundException(Path path) {
    super("no feature repository at " + path + ": not a directory");
    this.path = path;
  }

  /** The path that was given, made absolute. */
  public Path path() {
    return path;
  }
}
