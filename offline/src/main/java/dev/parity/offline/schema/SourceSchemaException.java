package dev.parity.offline.schema;

import dev.parity.ParityException;

/**
 * The files of a source exist but do not give a usable schema: a file is not Parquet or cannot be
 * read, files disagree on a column, or a column has a type Parity refuses (a timestamp without
 * time zone). The message names the file, relative to the feature repository.
 */
public final class SourceSchemaException extends ParityException {
  public SourceSchemaException(String message) {
    super(message);
  }

  public SourceSchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
