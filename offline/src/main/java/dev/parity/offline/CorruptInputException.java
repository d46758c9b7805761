package dev.parity.offline;

import java.nio.file.Path;

/** An input file cannot be read as its declared format (not Parquet, truncated...). */
public final class CorruptInputException extends OfflineException {
  public CorruptInputException(Path file, String message, Throwable cause) {
    super(file, message, cause);
  }
}
