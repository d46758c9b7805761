package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

/** A position in a definition file: file relative to the repository root, 1-based line and column. */
public record Location(String file, int line, int column) {
  public Location {
    requireNonNull(file, "file is null");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based");
    }
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
