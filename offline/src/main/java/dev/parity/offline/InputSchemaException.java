package dev.parity.offline;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An input lacks a column it needs, has one of the wrong type (including a timestamp without time
 * zone), or holds a value the run cannot accept (a null event time).
 */
public final class InputSchemaException extends OfflineException {
  private final String column;

  public InputSchemaException(Path file, String column, String message) {
    super(file, "column " + column + ": " + message, null);
    this.column = column;
  }

  /** The column at fault. */
  public Optional<String> column() {
    return Optional.of(column);
  }
}
