package dev.parity.offline;

import dev.parity.ParityException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An offline run failed; nothing was written. Subclasses name the category; {@link #file()} names
 * the input at fault when there is one.
 */
public class OfflineException extends ParityException {
  private final Path file;

  public OfflineException(String message, Throwable cause) {
    super(message, cause);
    this.file = null;
  }

  public OfflineException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** The input file the problem is in, if it is about one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
