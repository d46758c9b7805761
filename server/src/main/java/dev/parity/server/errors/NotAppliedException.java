package dev.parity.server.errors;

import dev.parity.ParityException;

/**
 * A request needs a definition whose repository version is not the registered one (HTTP 409):
 * the server serves registered definitions only, so the repository must be applied first.
 */
public final class NotAppliedException extends ParityException {
  public NotAppliedException(String message) {
    super(message);
  }
}
