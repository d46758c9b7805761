package dev.parity.offline;

import java.nio.file.Path;

/** An input file, directory or glob names nothing that exists. */
public final class MissingInputException extends OfflineException {
  public MissingInputException(Path file, String message) {
    super(file, message, null);
  }
}
