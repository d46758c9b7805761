package dev.parity.definitions;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * One problem in a feature repository, at {@code file:line:column} (1-based). Definitions built in
 * Java have no file position: {@code file} then names the element (e.g. {@code
 * feature_view/driver_stats/features/trips_log/expr}) and line and column are 0.
 */
public record DefinitionError(String file, int line, int column, String message) implements Comparable<DefinitionError> {
  private static final Comparator<DefinitionError> ORDER =
      Comparator.comparing(DefinitionError::file)
          .thenComparingInt(DefinitionError::line)
          .thenComparingInt(DefinitionError::column)
          .thenComparing(DefinitionError::message);

  public DefinitionError {
    requireNonNull(file, "file is null");
    requireNonNull(message, "message is null");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("negative line or column");
    }
  }

  /** An error at {@code location}. */
  public static DefinitionError at(Location location, String message) {
    return new DefinitionError(location.file(), location.line(), location.column(), message);
  }

  @Override
  public int compareTo(DefinitionError other) {
    return ORDER.compare(this, other);
  }

  /** {@code file:line:column: message}, or {@code element: message} without a position. */
  @Override
  public String toString() {
    return line == 0 ? file + ": " + message : file + ":" + line + ":" + column + ": " + message;
  }
}
