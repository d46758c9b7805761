package dev.parity.registry;

import dev.parity.ParityException;

/**
 * A registry or metadata store operation failed for a reason the user can act on (for example a
 * definition version stored twice with different contents, or a run finished twice). The message
 * is one line and safe to show.
 */
public class RegistryException extends ParityException {
  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
